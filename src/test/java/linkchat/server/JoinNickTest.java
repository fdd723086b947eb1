package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** A client whose first frame is {@code /nick NAME} joins under NAME at once: one line for everyone, never a guest renamed. */
class JoinNickTest {
    @Test
    void aWantedNickJoinsInOneLineAndATakenOneFallsBackWithUnderscores() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala")) {
            List<RawClient> bobs = new ArrayList<>();
            try {
                for (String expected : List.of("bob", "bob_", "bob__")) {
                    RawClient bob = RawClient.connect(s1.port());
                    bobs.add(bob);
                    bob.send("/nick bob");
                    assertEquals("* welcome to s1, you are " + expected + "; /help lists the commands", bob.next());
                    if (!expected.equals("bob")) {
                        assertEquals("* the nick bob is taken, so you are " + expected + "; /nick changes it", bob.next());
                    }
                    assertEquals("* " + expected + " joined", bob.next());
                    assertEquals("* " + expected + " joined", ala.next(), "one line, and no guest");
                }
                ala.send("/who");
                assertEquals("* 4 users online: ala (s1), bob (s1), bob_ (s1), bob__ (s1)", ala.next());
            } finally {
                bobs.forEach(RawClient::close);
            }
        }
    }

    @Test
    void aFirstFrameThatIsABadNickIsRefusedAsBeforeAfterAGuestsJoin() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient bad = RawClient.connect(s1.port())) {
            bad.send("/nick *star");
            assertTrue(bad.next().matches("\\* welcome to s1, you are guest-\\d+; /help lists the commands"));
            List<String> seen = bad.readUntil(p -> p.startsWith("* error"));
            assertTrue(seen.getLast().startsWith("* error: "), seen.toString());
            assertTrue(ala.next().matches("\\* guest-\\d+ joined"));
        }
    }

    @Test
    void aSeedStyleClientThatSpeaksFirstIsStillAGuestWhoseLineIsHeard() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient seed = RawClient.connect(s1.port())) {
            seed.sendLikeOriginal("hello from the seed");
            String joined = ala.next();
            assertTrue(joined.matches("\\* guest-\\d+ joined"), joined);
            String guest = joined.substring(2, joined.length() - " joined".length());
            assertEquals(guest + ": hello from the seed", ala.next());
            assertFalse(seed.nextStartingWith("* welcome").isEmpty());
        }
    }
}
