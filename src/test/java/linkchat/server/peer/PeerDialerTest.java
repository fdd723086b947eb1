package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

/** The dialler's pauses: long after a peer that is down, short after one that answered and refused. */
class PeerDialerTest {
    @RepeatedTest(20)
    void aRefusedDiallerAsksAgainWithinSecondsWhereAnUnansweredOneBacksOffFurther() {
        Duration down = PeerDialer.backoff(20, false);
        Duration refused = PeerDialer.backoff(20, true);
        assertTrue(down.compareTo(PeerDialer.MAX_BACKOFF.dividedBy(2)) >= 0 && down.compareTo(PeerDialer.MAX_BACKOFF) <= 0,
                "down: " + down);
        assertTrue(refused.compareTo(PeerDialer.REFUSED_BACKOFF.dividedBy(2)) >= 0
                && refused.compareTo(PeerDialer.REFUSED_BACKOFF) <= 0, "refused: " + refused);
        assertTrue(PeerDialer.MAX_BACKOFF.compareTo(Duration.ofSeconds(5)) <= 0,
                "a peer back after a long outage is linked within seconds, as a client reconnects");
        Duration first = PeerDialer.backoff(1, true);
        assertTrue(first.compareTo(PeerDialer.FIRST_BACKOFF.multipliedBy(2)) <= 0, "the first steps grow as before: " + first);
    }
}
