package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** Links that are cut, stalled or lose a server: the rest keep talking, and nothing is lost or repeated. */
class SplitTest {
    @Test
    void aCutLinkIsAnnouncedOnceAndWhatWasSaidMeanwhileArrivesOnceAfterwards() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(bob, 2);
            net.cut();
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            assertEquals("* lost link to s1: 1 user unreachable", bob.nextStartingWith("* lost link"));
            Federated.awaitUsers(ala, 1);
            for (int i = 0; i < 50; i++) {
                ala.send("while apart " + i);
                bob.send("meanwhile " + i);
            }
            net.restore();
            // The notice counts the users the link brings back.
            assertEquals("* linked to s2: 1 user reachable", ala.nextStartingWith("* linked to s2"));
            expectInOrderOnce(bob, "ala: while apart ", 50);
            expectInOrderOnce(ala, "bob: meanwhile ", 50);
            Federated.awaitUsers(ala, 2);
        }
    }

    /** Someone who joined while the link was down is announced once when it returns, under the nick they asked for. */
    @Test
    void aJoinDuringASplitArrivesAsOneLineWhenTheLinkReturns() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            net.cut();
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            try (RawClient dan = s2.connect("dan")) {
                net.restore();
                dan.send("hello after the split");
                // s2's events come in their order: dan's arrival before his line.
                List<String> seen = ala.readUntil(p -> p.equals("dan: hello after the split"));
                assertEquals(List.of("* dan joined", "dan: hello after the split"),
                        seen.stream().filter(p -> p.contains("dan")).toList(), seen.toString());
                assertTrue(seen.stream().noneMatch(p -> p.contains("guest-") || p.contains("is now known as")), seen.toString());
            }
        }
    }

    @Test
    void aStalledLinkIsDeclaredDeadAndRecoversWithoutLoss() throws Exception {
        PeerConfig quick = Federated.dialling().withSilence(Federated.QUICK_SILENCE);
        try (TestServer s1 = TestServer.start("s1", quick);
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", quick.withPeers(List.of(net.address())));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(bob, 2);
            net.stall();
            ala.send("into the void");
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            assertEquals("* lost link to s1: 1 user unreachable", bob.nextStartingWith("* lost link"));
            net.restore();
            expectInOrderOnce(bob, "ala: into the void", 1);
            bob.send("back");
            assertEquals("bob: back", ala.nextStartingWith("bob:"));
        }
    }

    @Test
    void aServerKilledAndStartedAgainRejoinsAsANewBoot() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala")) {
            TestServer first = TestServer.start("s2", Federated.dialling(s1.address()));
            RawClient bob = first.connect("bob");
            Federated.awaitUsers(ala, 2);
            first.close();
            bob.close();
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            ala.send("anyone?");
            try (TestServer again = TestServer.start("s2", Federated.dialling(s1.address()));
                    RawClient cid = again.connect("cid")) {
                Federated.awaitWho(ala, "* 2 users online: ala (s1), cid (s2)");
                cid.send("hello again");
                assertEquals("cid: hello again", ala.nextStartingWith("cid:"));
                ala.send("welcome back");
                assertEquals("ala: welcome back", cid.nextStartingWith("ala:"));
            }
        }
    }

    @Test
    void aRingSurvivesOneCutWithoutAnyoneNoticingALoss() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s1.address(), s2.address()))) {
            List<TestServer> servers = List.of(s1, s2, s3);
            List<RawClient> clients = Federated.oneClientEach(servers, "u");
            try {
                for (RawClient c : clients) {
                    Federated.awaitUsers(c, 3);
                }
                // s1 and s2 may see each other through s3 before their own link is up: cut only that link.
                Federated.awaitLinked(s1, "s2", clients.get(0));
                net.cut();
                clients.get(0).nextStartingWith("* lost link to s2");
                Federated.everyoneHearsEveryoneOnce(clients, List.of("u0", "u1", "u2"), 100);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @Test
    void aSplitLongerThanTheReplayLogIsSkippedDownAWholeLineAtOnce() {
        // s1 keeps ten events, so forty of the lines below are no longer kept when the link returns.
        try (TestServer s1 = TestServer.start(ServerConfig.loopback("s1").withReplay(10, 0), Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s2.address()));
                RawClient ala = s1.connect("ala");
                RawClient cid = s3.connect("cid")) {
            Federated.awaitUsers(cid, 2);
            net.cut();
            ala.nextStartingWith("* lost link to s2");
            Federated.awaitUsers(cid, 1);
            for (int i = 0; i < 50; i++) {
                ala.send("m" + i);
            }
            ala.nextStartingWith("ala: m49");
            net.restore();
            List<String> seen = cid.readUntil(p -> p.startsWith("ala: m"));
            // The jump reaches s3 before the kept lines, as it reached s2: no gap waits out its timeout.
            assertTrue(seen.stream().anyMatch(p -> p.matches("\\* \\d+ events from s1 were lost while the link was down")),
                    seen.toString());
            int first = Integer.parseInt(seen.getLast().substring("ala: m".length()));
            assertTrue(first > 0 && first < 50, seen.getLast());
            List<String> rest = cid.readUntil(p -> p.equals("ala: m49"));
            assertEquals(49 - first, rest.stream().filter(p -> p.startsWith("ala: m")).count(), rest.toString());
        }
    }

    /** Reads until {@code count} lines {@code prefix + 0..count-1} arrived, in order; no line of the series may come twice. */
    private static void expectInOrderOnce(RawClient c, String prefix, int count) {
        List<String> got = new ArrayList<>();
        while (got.size() < count) {
            String p = c.next();
            if (p.startsWith(prefix)) {
                got.add(p);
            }
        }
        for (int i = 0; i < count; i++) {
            String expected = count == 1 ? prefix : prefix + i;
            assertEquals(expected, got.get(i));
        }
        c.send("/who");
        for (String p : c.readUntil(p -> p.matches("\\* \\d+ users? online.*"))) {
            assertTrue(!p.startsWith(prefix), "repeated: " + p);
        }
    }
}
