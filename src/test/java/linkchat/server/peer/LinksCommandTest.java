package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** {@code /links}: every server reachable, the path to it, its users, and each direct link's heartbeat round trip. */
class LinksCommandTest {
    private static final String MS = "\\d+(\\.\\d\\d)? ms";

    @Test
    void aTriangleIsTwoDirectLinksFromEachCornerWithTheirRoundTrips() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s1.address(), s2.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob");
                RawClient cid = s3.connect("cid");
                RawClient dan = s3.connect("dan")) {
            Federated.awaitLinked(s1, "s2", ala);
            Federated.awaitLinked(s1, "s3", ala);
            Federated.awaitLinked(s2, "s3", bob);
            Federated.awaitUsers(ala, 4);
            assertTrue(awaitTimed(ala).matches("\\* 3 servers, 4 users: s1 \\(1 user\\) -> s2 \\(1 user, " + MS
                    + "\\); s1 -> s3 \\(2 users, " + MS + "\\)"));
            Federated.awaitUsers(cid, 4);
            assertTrue(awaitTimed(cid).matches("\\* 3 servers, 4 users: s3 \\(2 users\\) -> s1 \\(1 user, " + MS
                    + "\\); s3 -> s2 \\(1 user, " + MS + "\\)"));
        }
    }

    @Test
    void aLineShowsThePathThroughTheServerBetween() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s2.address()));
                RawClient ala = s1.connect("ala");
                RawClient cid = s3.connect("cid")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(cid, 2);
            assertTrue(awaitTimed(ala).matches("\\* 3 servers, 2 users: s1 \\(1 user\\) -> s2 \\(0 users, " + MS
                    + "\\) -> s3 \\(1 user\\)"));
            // Only the first link of the path is this server's to time.
            assertTrue(awaitTimed(cid).matches("\\* 3 servers, 2 users: s3 \\(1 user\\) -> s2 \\(0 users, " + MS
                    + "\\) -> s1 \\(1 user\\)"));
        }
    }

    @Test
    void aLoneServerListsItself() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala")) {
            ala.send("/links");
            assertEquals("* 1 server, 1 user: s1 (1 user)", ala.next());
            ala.send("/links now");
            assertEquals("* error: usage: /links", ala.next());
        }
    }

    /** Asks {@code /links} until every direct link has a round trip: the first heartbeat goes out as a link comes up. */
    private static String awaitTimed(RawClient client) {
        long deadline = System.nanoTime() + Federated.SETTLE.toNanos();
        while (true) {
            client.send("/links");
            String reply = client.nextStartingWith("* ");
            if (!reply.contains("? ms") || System.nanoTime() > deadline) {
                return reply;
            }
        }
    }
}
