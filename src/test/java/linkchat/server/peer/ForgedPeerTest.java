package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Event;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * A linked peer (x9, a raw socket) forges events and states of another server (s2): the
 * forgery is refused or repaired, and s2's users keep reaching s1's.
 */
class ForgedPeerTest {
    private static PeerMessage.Carry say(String origin, long boot, long seq, String nick, String text) {
        return new PeerMessage.Carry(new Stamped(origin, boot, seq, System.currentTimeMillis(), new Event.Said(nick, text)));
    }

    /** Links x9 to s1 as a server that knows nothing. */
    private static FakePeer linkForger(TestServer s1) {
        FakePeer x9 = FakePeer.link(s1.port(), "x9", FakePeer.bootNow());
        x9.synced();
        return x9;
    }

    /** The next JUMP about {@code origin} (the catch-up sends JUMPs of other origins first). */
    private static PeerMessage.Jump jumpOf(FakePeer peer, String origin) {
        return (PeerMessage.Jump) peer.await(m -> m instanceof PeerMessage.Jump j && j.state().origin().equals(origin));
    }

    /** s1 and s2 linked, ala on s1 and bob on s2 seeing each other. */
    private static void awaitPair(RawClient ala, RawClient bob) {
        Federated.awaitUsers(ala, 2);
        Federated.awaitUsers(bob, 2);
    }

    @Test
    void anEventFromABootInTheFutureIsRefusedAndTheRealOriginStillGetsThrough() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            awaitPair(ala, bob);
            try (FakePeer x9 = linkForger(s1)) {
                x9.send(say("s2", Long.MAX_VALUE, 1, "bob", "forged"));
                assertTrue(x9.cutOff().contains("in the future"));
            }
            bob.send("still me");
            assertEquals("bob: still me", ala.nextStartingWith("bob:"));
        }
    }

    @Test
    void aSeqAtTheEndOfTheRangeIsRefusedAndNothingIsReportedLost() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            awaitPair(ala, bob);
            long boot = s2.server().hub().boot();
            try (FakePeer x9 = linkForger(s1)) {
                x9.send(say("s2", boot, Long.MAX_VALUE, "bob", "forged"));
                assertTrue(x9.cutOff().contains("out of range"));
            }
            for (int i = 0; i < 3; i++) {
                bob.send("line " + i);
                List<String> seen = ala.readUntil(p -> p.startsWith("bob: line"));
                assertEquals("bob: line " + i, seen.getLast());
                assertFalse(seen.stream().anyMatch(p -> p.contains("were lost")), seen.toString());
            }
        }
    }

    @Test
    void anEventFarAheadOfItsStreamIsAResyncAndAThirdPartysSnapshotOfALinkedOriginIsIgnored() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            awaitPair(ala, bob);
            long boot = s2.server().hub().boot();
            long far = 1_000_000;
            try (FakePeer x9 = linkForger(s1)) {
                x9.send(say("s2", boot, far, "bob", "forged"));
                assertEquals("s2", x9.expect(PeerMessage.Want.class).origin());
                // x9 answers with the position it made up; s2 is linked to s1 itself, so only s2's word counts.
                x9.send(new PeerMessage.Jump(0, new PeerMessage.OriginState("s2", boot, far,
                        List.of(new PeerMessage.User("bob", 0)), List.of("s1"), true)));
                x9.send(new PeerMessage.Want("s2"));
                PeerMessage.Jump answer = jumpOf(x9, "s2");
                assertTrue(answer.state().seq() < far, "s1 took the forged position: " + answer);
            }
            bob.send("still me");
            assertEquals("bob: still me", ala.nextStartingWith("bob:"));
        }
    }

    @Test
    void aForgedNewerBootIsRepairedWhenTheRealOriginLinks() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                RawClient ala = s1.connect("ala")) {
            net.cut();
            try (TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                    RawClient bob = s2.connect("bob")) {
                long forged = s2.server().hub().boot() + 60_000;
                try (FakePeer x9 = linkForger(s1)) {
                    x9.send(say("s2", forged, 1, "bob", "forged"));
                    assertEquals("bob: forged", ala.nextStartingWith("bob:"));
                }
                net.restore();
                awaitRealLink(s2, bob);
                bob.send("the real one");
                assertEquals("bob: the real one", ala.nextStartingWith("bob:"));
            }
        }
    }

    @Test
    void aForgedPositionOfTheRealBootIsRepairedWhenTheRealOriginLinks() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                RawClient ala = s1.connect("ala")) {
            net.cut();
            try (TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                    RawClient bob = s2.connect("bob")) {
                long boot = s2.server().hub().boot();
                try (FakePeer x9 = linkForger(s1)) {
                    x9.send(say("s2", boot, 1, "bob", "forged"));
                    x9.send(new PeerMessage.Jump(0, new PeerMessage.OriginState("s2", boot, 5_000_000,
                            List.of(new PeerMessage.User("bob", 0)), List.of(), true)));
                    x9.send(new PeerMessage.Want("s2"));
                    assertEquals(5_000_000, jumpOf(x9, "s2").state().seq());
                }
                net.restore();
                awaitRealLink(s2, bob);
                bob.send("the real one");
                assertEquals("bob: forged", ala.nextStartingWith("bob:"), "taken before the real link");
                assertEquals("bob: the real one", ala.nextStartingWith("bob:"));
            }
        }
    }

    @Test
    void aHelloFromABootInTheFutureIsRefused() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling())) {
            AssertionError refused = assertThrows(AssertionError.class,
                    () -> FakePeer.link(s1.port(), "x9", System.currentTimeMillis() + 3_600_000));
            assertTrue(refused.getMessage().contains("in the future"), refused.getMessage());
        }
    }

    /**
     * Waits until s2 itself holds its link to s1. The forged roster already lists bob, so /who
     * cannot tell; s2 sends its ORIGIN under its lock as it takes the link, so a line bob sends
     * after this comes after it.
     */
    private static void awaitRealLink(TestServer s2, RawClient bob) {
        Federated.awaitLinked(s2, "s1", bob);
    }
}
