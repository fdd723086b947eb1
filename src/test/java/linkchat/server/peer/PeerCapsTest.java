package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Event;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * A linked peer (x9, a raw socket) goes past a cap on what it may make a server track: it is
 * refused with a reason, and the servers it did not fool keep talking.
 */
class PeerCapsTest {
    /** Origins, as the server caps them (Ledger); users and links per origin are the codec's caps. */
    private static final int MAX_ORIGINS = 4_096;

    /** Links x9 to s1 of a linked pair, lets {@code abuse} run, and returns the reason x9 was refused for. */
    private static String refusedAfter(Consumer<FakePeer> abuse) {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(bob, 2);
            String reason;
            try (FakePeer x9 = FakePeer.link(s1.port(), "x9", FakePeer.bootNow())) {
                abuse.accept(x9);
                reason = x9.cutOff();
            }
            bob.send("still here");
            assertEquals("bob: still here", ala.nextStartingWith("bob:"));
            Federated.awaitWho(ala, "* 2 users online: ala (s1), bob (s2)");
            return reason;
        }
    }

    private static PeerMessage.OriginState state(String origin, List<PeerMessage.User> users, List<String> links) {
        return new PeerMessage.OriginState(origin, FakePeer.bootNow(), 1, users, links, true);
    }

    @Test
    void tellingOfMoreOriginsThanTheCapIsRefused() {
        String reason = refusedAfter(x9 -> {
            for (int i = 0; i <= MAX_ORIGINS; i++) {
                x9.send(new PeerMessage.Origin(state("o" + i, List.of(), List.of())));
            }
        });
        assertTrue(reason.contains("more than " + MAX_ORIGINS + " origins"), reason);
    }

    @Test
    void eventsOfMoreOriginsThanTheCapAreRefused() {
        String reason = refusedAfter(x9 -> {
            x9.synced();
            long boot = FakePeer.bootNow();
            for (int i = 0; i <= MAX_ORIGINS; i++) {
                x9.send(new PeerMessage.Carry(new Stamped("o" + i, boot, 1, 0, new Event.Links(List.of()))));
            }
        });
        assertTrue(reason.contains("more than " + MAX_ORIGINS + " origins"), reason);
    }

    @Test
    void aSnapshotWithMoreUsersThanTheCapIsRefused() {
        List<PeerMessage.User> crowd = new ArrayList<>();
        for (int i = 0; i <= PeerCodec.MAX_STATE_USERS; i++) {
            crowd.add(new PeerMessage.User("u" + i, 0));
        }
        String reason = refusedAfter(x9 -> {
            x9.synced();
            x9.send(new PeerMessage.Jump(0, state("o1", crowd, List.of())));
        });
        assertTrue(reason.contains("more than " + PeerCodec.MAX_STATE_USERS + " users"), reason);
    }

    @Test
    void anOriginListingMoreLinksThanTheCapIsRefused() {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i <= PeerCodec.MAX_LINKS; i++) {
            peers.add("p" + i);
        }
        String reason = refusedAfter(x9 -> {
            x9.synced();
            x9.send(new PeerMessage.Carry(new Stamped("x9", FakePeer.bootNow(), 1, 0, new Event.Links(peers))));
        });
        assertTrue(reason.contains("more than " + PeerCodec.MAX_LINKS + " linked servers"), reason);
    }
    /** Users the server takes of all other origins together (PeerCheck.MAX_USERS). */
    private static final int MAX_USERS = 2 * PeerCodec.MAX_STATE_USERS;

    @Test
    void snapshotsOfManyFullOriginsArePastTheTotalCapAndRefused() {
        List<PeerMessage.User> crowd = new ArrayList<>();
        for (int i = 0; i < PeerCodec.MAX_STATE_USERS; i++) {
            crowd.add(new PeerMessage.User("u" + i, 0));
        }
        String reason = refusedAfter(x9 -> {
            x9.synced();
            for (int i = 0; i <= MAX_USERS / PeerCodec.MAX_STATE_USERS; i++) {
                x9.send(new PeerMessage.Jump(0, state("o" + i, crowd, List.of())));
            }
        });
        assertTrue(reason.contains("past " + MAX_USERS + " users"), reason);
    }

    @Test
    void aJumpClaimingMoreLostThanItsSeqIsRefused() {
        String reason = refusedAfter(x9 -> {
            x9.synced();
            x9.send(new PeerMessage.Jump(Long.MAX_VALUE, state("x9", List.of(), List.of())));
        });
        assertTrue(reason.contains(Long.MAX_VALUE + " events lost, more than its seq 1"), reason);
    }
}
