package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** {@code /msg} across the federation: its two ends see it once, in order, and nobody else ever does. */
class PrivateMessageTest {
    private static final String WHO_REPLY = "\\* \\d+ users? online.*";

    @Test
    void aPrivateLineCrossesALineOfThreeServersToItsTwoEndsAlone() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s2.address()));
                RawClient ala = s1.connect("ala");
                RawClient cid = s2.connect("cid");
                RawClient bob = s3.connect("bob")) {
            Federated.awaitUsers(ala, 3);
            Federated.awaitUsers(bob, 3);
            ala.send("before");
            ala.send("/msg BOB psst: only you");
            ala.send("after");
            // In order with the sender's other lines, under the recipient's own spelling of the nick.
            List<String> heard = bob.readUntil(p -> p.equals("ala: after"));
            List<String> fromAla = heard.stream().filter(p -> p.contains("ala")).toList();
            assertEquals(List.of("ala: before", "[msg] ala -> bob: psst: only you", "ala: after"), fromAla);
            List<String> echoed = ala.readUntil(p -> p.equals("ala: after"));
            assertTrue(echoed.contains("[msg] ala -> bob: psst: only you"), echoed.toString());
            // The server in the middle relays it; its client never sees it.
            List<String> third = cid.readUntil(p -> p.equals("ala: after"));
            assertFalse(third.stream().anyMatch(p -> p.contains("psst")), third.toString());
            bob.send("/msg ala got it");
            assertEquals("[msg] bob -> ala: got it", ala.nextStartingWith("[msg] "));
            assertEquals("[msg] bob -> ala: got it", bob.nextStartingWith("[msg] "));
            // Nor is it in the backlog anyone joining anywhere is shown.
            for (TestServer s : List.of(s1, s2, s3)) {
                try (RawClient late = RawClient.connect(s.port())) {
                    late.send("/who");
                    List<String> shown = late.readUntil(p -> p.matches(WHO_REPLY));
                    assertTrue(shown.stream().anyMatch(p -> p.startsWith("* history ") && p.endsWith("ala: after")), shown.toString());
                    assertFalse(shown.stream().anyMatch(p -> p.contains("psst") || p.contains("got it")), shown.toString());
                }
            }
        }
    }

    /**
     * In a triangle every event reaches each server by two paths, the direct link and the one
     * through the third server: each private line must still come once, in order with the
     * sender's chat lines, to its two ends alone.
     */
    @Test
    void inATriangleEachPrivateLineComesOnceByEitherPathInOrderWithTheSendersLines() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s1.address(), s2.address()));
                RawClient ala = s1.connect("ala");
                RawClient cid = s2.connect("cid");
                RawClient bob = s3.connect("bob")) {
            Federated.awaitLinked(s1, "s2", ala);
            Federated.awaitLinked(s1, "s3", ala);
            Federated.awaitLinked(s2, "s3", cid);
            Federated.awaitUsers(ala, 3);
            Federated.awaitUsers(bob, 3);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ala.send(i % 2 == 0 ? "/msg bob secret " + i : "line " + i);
                sent.add(i % 2 == 0 ? "[msg] ala -> bob: secret " + i : "ala: line " + i);
            }
            ala.send("done");
            sent.add("ala: done");
            List<String> heard = bob.readUntil(p -> p.equals("ala: done"));
            assertEquals(sent, heard.stream().filter(p -> p.startsWith("ala: ") || p.startsWith("[msg] ")).toList());
            List<String> third = cid.readUntil(p -> p.equals("ala: done"));
            assertFalse(third.stream().anyMatch(p -> p.contains("secret")), third.toString());
            // Whatever s2 passed on of ala's lines reached s3 before cid's next line, on the same link.
            cid.send("mark");
            List<String> late = bob.readUntil(p -> p.equals("cid: mark"));
            assertFalse(late.stream().anyMatch(p -> p.startsWith("ala: ") || p.startsWith("[msg] ")), late.toString());
        }
    }

    @Test
    void aPrivateLineCaughtInASplitIsReplayedOnceWhenTheLinkReturns() {
        PeerConfig quick = Federated.dialling().withSilence(Federated.QUICK_SILENCE);
        try (TestServer s1 = TestServer.start("s1", quick);
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", quick.withPeers(List.of(net.address())));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob");
                RawClient cid = s1.connect("cid")) {
            Federated.awaitUsers(ala, 3);
            Federated.awaitUsers(bob, 3);
            net.stall();
            // bob is still reachable as far as s1 knows: the line is taken, then held up in the split.
            ala.send("/msg bob into the void");
            assertEquals("[msg] ala -> bob: into the void", ala.nextStartingWith("[msg] "));
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            bob.nextStartingWith("* lost link");
            ala.send("/msg bob are you there?");
            assertEquals("* error: nobody reachable is called bob; /who lists who is", ala.nextStartingWith("* error"));
            net.restore();
            assertEquals("[msg] ala -> bob: into the void", bob.nextStartingWith("[msg] "));
            ala.send("ping");
            List<String> rest = bob.readUntil(p -> p.equals("ala: ping"));
            assertFalse(rest.stream().anyMatch(p -> p.startsWith("[msg] ")), "repeated or refused line delivered: " + rest);
            cid.send("/who");
            List<String> third = cid.readUntil(p -> p.matches(WHO_REPLY));
            assertFalse(third.stream().anyMatch(p -> p.startsWith("[msg] ")), third.toString());
        }
    }

    @Test
    void anUnknownNickIsAnErrorToTheSenderAloneAndCostsNobodyAFrame() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient bob = s1.connect("bob")) {
            ala.nextStartingWith("* bob joined");
            ala.send("/msg nobody hello?");
            assertEquals("* error: nobody reachable is called nobody; /who lists who is", ala.next());
            ala.send("/msg " + "x".repeat(5_000) + " hi");
            assertEquals("* error: nobody reachable is called " + "x".repeat(32) + "...; /who lists who is", ala.next());
            ala.send("/msg bob");
            assertEquals("* error: usage: /msg NICK TEXT", ala.next());
            ala.send("/msg bob \u001b[2J");
            ala.send("visible");
            assertEquals("ala: visible", ala.next(), "an empty private line after cleaning goes nowhere");
            assertEquals("ala: visible", bob.nextMatching(p -> !p.startsWith("* ")));
        }
    }

    @Test
    void aSeedStyleClientReadingPlainFramesGetsAPrivateLineItCanTellApart() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient seed = RawClient.connect(s1.port())) {
            // It says nothing first, as the original client did, and is welcomed as a guest.
            String welcome = seed.nextStartingWith("* welcome");
            String guest = welcome.replaceAll(".*, you are (\\S+);.*", "$1");
            ala.nextStartingWith("* " + guest + " joined");
            ala.send("/msg " + guest + " hello, seed");
            assertEquals("[msg] ala -> " + guest + ": hello, seed", seed.nextMatching(p -> !p.startsWith("* ")));
            seed.sendLikeOriginal("/msg ala and hello to you");
            assertEquals("[msg] ala -> " + guest + ": hello, seed", ala.next());
            assertEquals("[msg] " + guest + " -> ala: and hello to you", ala.next());
            seed.sendLikeOriginal("/msg " + guest + " a note to myself");
            assertEquals("[msg] " + guest + " -> ala: and hello to you", seed.next());
            assertEquals("[msg] " + guest + " -> " + guest + ": a note to myself", seed.next());
            seed.send("/who");
            assertTrue(seed.next().matches(WHO_REPLY), "a line to oneself came twice");
        }
    }
}
