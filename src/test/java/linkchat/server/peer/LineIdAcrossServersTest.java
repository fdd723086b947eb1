package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Event;
import linkchat.wire.LineId;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * A line resent by its client to another server after a fail-over: whichever servers saw it,
 * every client sees it once, and the links' streams stay whole.
 */
class LineIdAcrossServersTest {
    private static final String WHO_REPLY = "\\* \\d+ users? online.*";

    /** Sends {@code text} under {@code id} and reads its echo, then its ack. */
    private static void sendAndAwaitAck(RawClient client, String id, String text, String echo) {
        client.send(LineId.wrap(id, text));
        assertEquals(echo, client.next());
        assertEquals(LineId.ACK + id, client.next());
    }

    /** Reads until {@code client} heard every one of {@code lines}; returns all it read. */
    private static List<String> readUntilAll(RawClient client, List<String> lines) {
        List<String> heard = new ArrayList<>();
        while (!heard.containsAll(lines)) {
            heard.add(client.next());
        }
        return heard;
    }

    /** What a client joining {@code server} now is shown, up to its first /who reply: the backlog among it. */
    private static List<String> shownToAJoiner(TestServer server) {
        try (RawClient late = RawClient.connect(server.port())) {
            late.send("/who");
            return late.readUntil(p -> p.matches(WHO_REPLY));
        }
    }

    /** How many of {@code client}'s lines (a joiner's backlog included) end with {@code text}. */
    private static long count(List<String> heard, String text) {
        return heard.stream().filter(p -> p.endsWith(text)).count();
    }

    @Test
    void aLineResentToALinkedServerThatHasItIsOnlyAcknowledged() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(bob, 2);
            sendAndAwaitAck(ala, "f:1", "over there", "ala: over there");
            assertEquals("ala: over there", bob.nextMatching(p -> !p.startsWith("* ")));
            // ala's client failed over to s2 before the echo came back, and resends the line there.
            try (RawClient resent = s2.connect("ola")) {
                resent.send(LineId.wrap("f:1", "over there"));
                assertEquals(LineId.ACK + "f:1", resent.next());
                ala.send("after");
                assertEquals(List.of("ala: after"), resent.readUntil(p -> p.equals("ala: after")));
            }
            List<String> heard = bob.readUntil(p -> p.equals("ala: after"));
            assertEquals(0, count(heard, "over there"), heard.toString());
        }
    }

    @Test
    void theSameLineSentToTwoServersApartIsSeenOnceByEveryClientOnBoth() {
        PeerConfig quick = Federated.dialling().withSilence(Federated.QUICK_SILENCE);
        try (TestServer s1 = TestServer.start("s1", quick);
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", quick.withPeers(List.of(net.address())));
                RawClient ala = s1.connect("ala");
                RawClient cid = s1.connect("cid");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 3);
            Federated.awaitUsers(bob, 3);
            net.stall();
            for (RawClient c : List.of(ala, cid, bob)) {
                c.nextStartingWith("* lost link");
            }
            // As when s1 died having shown the line but before forwarding it: ala's client, failed
            // over to s2 (as ola: what counts is the id), resends it there. Both deliver it.
            List<List<String>> heard = new ArrayList<>();
            try (RawClient ola = s2.connect("ola")) {
                sendAndAwaitAck(ala, "f:2", "said once", "ala: said once");
                sendAndAwaitAck(ola, "f:2", "said once", "ola: said once");
                net.restore();
                // Each server's copy reaches the other before these, which follow it in its origin's stream.
                ala.send("after s1");
                ola.send("after s2");
                List<String> afters = List.of("ala: after s1", "ola: after s2");
                for (RawClient c : List.of(ala, cid, bob, ola)) {
                    heard.add(readUntilAll(c, afters));
                }
            }
            assertEquals(0, count(heard.get(0), "said once"), "the sender, after its echo: " + heard.get(0));
            assertEquals(1, count(heard.get(1), "said once"), heard.get(1).toString());
            assertEquals(1, count(heard.get(2), "said once"), heard.get(2).toString());
            assertEquals(0, count(heard.get(3), "said once"), "the resender, after its echo: " + heard.get(3));
            for (TestServer s : List.of(s1, s2)) {
                List<String> shown = shownToAJoiner(s);
                assertEquals(1, count(shown, "said once"), shown.toString());
            }
        }
    }

    @Test
    void aSecondCopyFromALinkIsCarriedOnButShownToNobody() {
        long boot = FakePeer.bootNow() - 1_000;
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                FakePeer x9 = FakePeer.link(s1.port(), "x9", boot);
                FakePeer x7 = FakePeer.link(s1, "x7")) {
            x9.synced();
            // Both taken as links: x7 is then sent every event delivered, rather than caught up with a JUMP.
            readUntilAll(ala, List.of("* linked to x9", "* linked to x7"));
            x9.send(carry("x9", boot, 1, new Event.Said("eve", "hello", "e:1")));
            // The same line, resent by its client to x8, relayed by x9.
            x9.send(carry("x8", boot, 1, new Event.Said("eve", "hello", "e:1")));
            x9.send(carry("x9", boot, 2, new Event.Said("eve", "after")));
            List<String> heard = ala.readUntil(p -> p.equals("eve: after")).stream().filter(p -> !p.startsWith("* ")).toList();
            assertEquals(List.of("eve: hello", "eve: after"), heard);
            // s1 still carries it on, so every stream through s1 stays without a gap.
            PeerMessage relayed = x7.await(m -> m instanceof PeerMessage.Carry c && c.stamped().origin().equals("x8"));
            assertEquals("e:1", ((PeerMessage.Carry) relayed).stamped().event().lineId());
            List<String> shown = shownToAJoiner(s1);
            assertEquals(1, count(shown, "eve: hello"), shown.toString());
        }
    }

    @Test
    void aLineResentToItsOwnServerIsNotMadeASecondEvent() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                FakePeer x7 = FakePeer.link(s1, "x7")) {
            ala.nextStartingWith("* linked to x7");
            sendAndAwaitAck(ala, "r:1", "only once", "ala: only once");
            ala.send(LineId.wrap("r:1", "only once"));
            assertEquals(LineId.ACK + "r:1", ala.next());
            ala.send("after");
            List<Event> carried = new ArrayList<>();
            x7.await(m -> m instanceof PeerMessage.Carry c && carried.add(c.stamped().event()) && c.stamped().event().line().equals("ala: after"));
            assertEquals(List.of(new Event.Said("ala", "only once", "r:1"), new Event.Said("ala", "after")),
                    carried.stream().filter(e -> e instanceof Event.Said).toList());
        }
    }

    @Test
    void aPeerSendingABadLineIdIsRefused() {
        long boot = FakePeer.bootNow() - 1_000;
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala")) {
            try (FakePeer x9 = FakePeer.link(s1.port(), "x9", boot)) {
                x9.synced();
                x9.send("EVENT\tx9\t" + boot + "\t1\t" + boot + "\tSAY bad!id\teve\tforged");
                String why = x9.cutOff();
                assertTrue(why.contains("is not a line id"), why);
            }
            ala.send("/who");
            List<String> heard = ala.readUntil(p -> p.matches(WHO_REPLY));
            assertFalse(heard.stream().anyMatch(p -> p.contains("forged")), heard.toString());
        }
    }

    private static PeerMessage.Carry carry(String origin, long boot, long seq, Event event) {
        return new PeerMessage.Carry(new Stamped(origin, boot, seq, System.currentTimeMillis(), event));
    }
}
