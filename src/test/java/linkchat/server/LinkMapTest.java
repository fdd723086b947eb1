package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/** The {@code /links} answer over rosters built from events, as the hub builds them. */
class LinkMapTest {
    @Test
    void aLinkOnlyOneEndListsIsNoPathAndFurtherHopsAreNotTimed() {
        Ledger ledger = new Ledger("s1", 1, 100, 0);
        Roster roster = new Roster(ledger.origins());
        links(ledger, roster, "s1", "s2");
        links(ledger, roster, "s2", "s1", "s3", "s4");
        links(ledger, roster, "s3", "s2");
        links(ledger, roster, "s4"); // s4 lists nobody: s2's word alone does not make it reachable
        deliver(ledger, roster, new Stamped("s3", 1, 2, 0, new Event.Joined("cez")));
        assertEquals("3 servers, 1 user: s1 (0 users) -> s2 (0 users, ? ms) -> s3 (1 user)",
                LinkMap.of("s1", roster, List.of()).reply());
    }

    @Test
    void aFederationTooLargeForOneFrameIsCutAndStillCountedWhole() {
        Ledger ledger = new Ledger("a", 1, 100, 0);
        Roster roster = new Roster(ledger.origins());
        List<String> direct = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            direct.add(name("d", i));
        }
        links(ledger, roster, "a", direct.toArray(String[]::new));
        for (String d : direct) {
            List<String> further = new ArrayList<>(List.of("a"));
            for (int j = 0; j < 10; j++) {
                further.add(name(d.substring(0, 4) + "f" + j, 0));
            }
            links(ledger, roster, d, further.toArray(String[]::new));
            for (String f : further.subList(1, further.size())) {
                links(ledger, roster, f, d);
            }
        }
        String reply = LinkMap.of("a", roster, List.of()).reply();
        assertTrue(reply.startsWith("2817 servers, 0 users: a (0 users) -> "), reply.substring(0, 80));
        assertTrue(reply.endsWith(" ..."), "cut where it is full");
        assertTrue(reply.getBytes(StandardCharsets.UTF_8).length <= Event.MAX_TEXT_BYTES);
    }

    @Test
    void roundTripsReadInHundredthsBelowTenMilliseconds() {
        assertEquals("0.41 ms", LinkMap.millis(Duration.ofNanos(412_000)));
        assertEquals("23 ms", LinkMap.millis(Duration.ofMillis(23)));
    }

    /** A 64-character server name, the longest there is, unique for (prefix, i). */
    private static String name(String prefix, int i) {
        String base = prefix + i + "-";
        return base + "x".repeat(64 - base.length());
    }

    private static void links(Ledger ledger, Roster roster, String origin, String... peers) {
        deliver(ledger, roster, new Stamped(origin, 1, 1, 0, new Event.Links(List.of(peers))));
    }

    /** As the hub delivers: through the ledger (stamped, if it is this server's own), then applied. */
    private static void deliver(Ledger ledger, Roster roster, Stamped s) {
        if (s.origin().equals(ledger.origins().self())) {
            roster.apply(ledger.stamp(s.event(), s.time()));
        } else {
            ledger.accept(s, s.time()).deliver().forEach(roster::apply);
        }
    }
}
