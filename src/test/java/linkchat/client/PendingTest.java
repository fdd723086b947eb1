package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.client.Pending.Kind;
import linkchat.wire.HostPort;

/** The hold of our lines: its bounds, how echoes and errors mark a line, what an ack alone means. */
class PendingTest {
    private static final HostPort OTHER = new HostPort("127.0.0.1", 2);

    @Test
    void theHoldIsBoundedInLinesAndInBytes() {
        Pending lines = new Pending();
        for (int i = 0; i < Pending.MAX_LINES; i++) {
            assertTrue(lines.hasRoom(), "line " + i);
            lines.hold("id." + i, Kind.SAY, null, "hi", "hi");
        }
        assertFalse(lines.hasRoom());
        lines.acked("id.0");
        assertTrue(lines.hasRoom(), "an ack makes room");

        Pending big = new Pending();
        String text = "x".repeat(60_000);
        int held = 0;
        while (big.hasRoom()) {
            big.hold("id." + held++, Kind.SAY, null, text, text);
        }
        assertEquals((Pending.MAX_BYTES + 59_999) / 60_000, held, "stops at a mebibyte, not a thousand lines");
    }

    @Test
    void echoesMatchByKindAndAreShownOnceAcrossAFailOver() {
        Pending lines = new Pending();
        lines.hold("a", Kind.SAY, null, "hi", "hi");
        lines.hold("b", Kind.ACTION, null, "waves", "/me waves");
        lines.hold("c", Kind.PRIVATE, "Bob", "psst", "/msg Bob psst");
        assertNull(lines.hold("d", Kind.SAY, null, "\u001b[2J ", "\u001b[2J "), "blank once cleaned: nothing to hold");
        assertTrue(lines.heard(Incoming.parse("[msg] ala -> bob: psst"), "ala", false));
        assertTrue(lines.heard(Incoming.parse("* ala waves"), "ala", false), "an action echoed the older way");
        assertEquals(List.of(new Pending.Line(Kind.SAY, null, "hi")), lines.lines(), "echoed lines no longer pending");
        assertTrue(lines.heard(Incoming.parse("bob: hi"), "ala", false), "another's line is no echo");
        assertEquals(1, lines.lines().size());

        lines.all(); // a new connection
        assertFalse(lines.heard(Incoming.parse("ala: * waves"), "ala", false), "echoed before the fail-over: not again");
        assertEquals(3, lines.size(), "an echo settles nothing on a server with ids");
        assertFalse(lines.acked("b").deliveredBefore());
    }

    @Test
    void anActionEchoedAsAChatLineIsRecognisedAndSoIsAChatLineThatLooksLikeOne() {
        Pending lines = new Pending();
        lines.hold("a", Kind.ACTION, null, "waves", "/me waves");
        lines.hold("b", Kind.SAY, null, "* shrugs", "* shrugs");
        lines.heard(Incoming.parse("ala: * shrugs"), "ala", false);
        lines.heard(Incoming.parse("ala: * waves"), "ala", false);
        assertEquals(List.of(), lines.lines());
    }

    @Test
    void anAckAloneMeansDeliveredBeforeOnlyForALineSentBeforeAndNotRefused() {
        Pending lines = new Pending();
        Pending.Held once = lines.hold("a", Kind.SAY, null, "new", "new");
        once.sends = 1;
        Pending.Held again = lines.hold("b", Kind.SAY, null, "sent before", "sent before");
        again.sends = 2;
        Pending.Held refused = lines.hold("c", Kind.SAY, null, "refused", "refused");
        refused.sends = 2;
        assertFalse(lines.acked("a").deliveredBefore(), "sent once and acked alone: refused, or its echo unrecognised");
        assertTrue(lines.heard(Incoming.parse("* error: line too long (at most 64512 bytes)"), "ala", false));
        assertSame(again, lines.acked("b"));
        assertTrue(again.refusedHere, "the error is taken for the oldest line awaiting an answer");
        assertFalse(again.deliveredBefore());
        assertTrue(lines.acked("c").deliveredBefore());
    }

    @Test
    void withoutIdsAnEchoSettlesItsLineAndThoseBeforeItAndTooLongTheOldest() {
        Pending lines = new Pending();
        for (String text : List.of("one", "two", "three", "four")) {
            lines.hold(text, Kind.SAY, null, text, text);
        }
        lines.heard(Incoming.parse("* error: line too long (at most 64512 bytes)"), "ala", true);
        assertEquals(3, lines.size(), "the oldest refused");
        lines.heard(Incoming.parse("* error: nobody reachable is called x"), "ala", true);
        assertEquals(3, lines.size(), "another error says nothing of which line");
        lines.heard(Incoming.parse("ala: three"), "ala", true);
        assertEquals(List.of(new Pending.Line(Kind.SAY, null, "four")), lines.lines(), "two was dropped by the server");
    }

    @Test
    void theLastLinesAckedAreKeptForTheNextConnectionBoundedAndNotTheRefused() {
        Pending lines = new Pending();
        for (int i = 0; i < Pending.KEPT_AFTER_ACK + 5; i++) {
            lines.hold("id." + i, Kind.SAY, null, "line " + i, "line " + i);
            lines.heard(Incoming.parse("ala: line " + i), "ala", false);
            lines.acked("id." + i);
        }
        lines.hold("refused", Kind.PRIVATE, "nobody", "hi", "/msg nobody hi");
        lines.heard(Incoming.parse("* error: nobody reachable is called nobody"), "ala", false);
        lines.acked("refused");
        lines.hold("held", Kind.SAY, null, "held", "held");
        List<Pending.Held> kept = lines.ackedElsewhere(OTHER);
        assertEquals(Pending.KEPT_AFTER_ACK, kept.size(), "a hundred lines");
        assertEquals("id.5", kept.getFirst().id, "the oldest let go first");
        assertEquals("id." + (Pending.KEPT_AFTER_ACK + 4), kept.getLast().id, "the refused line is not kept");
        assertEquals(1, lines.size(), "kept lines are not held: they take no room and await nothing");
        assertEquals(List.of(new Pending.Line(Kind.SAY, null, "held")), lines.lines());

        Pending big = new Pending();
        String text = "x".repeat(20_000);
        for (int i = 0; i < 10; i++) {
            big.hold("big." + i, Kind.SAY, null, text, text);
            big.acked("big." + i);
        }
        assertEquals(Pending.KEPT_BYTES / 20_000, big.ackedElsewhere(OTHER).size(), "bounded in bytes too");
        big.forgetAcked();
        assertEquals(List.of(), big.ackedElsewhere(OTHER));
    }

    @Test
    void aKeptLineResentIsShownOnceWhetherTheNewServerHadItOrNot() {
        Pending lines = new Pending();
        lines.hold("a", Kind.SAY, null, "hi", "hi");
        lines.hold("b", Kind.SAY, null, "hi", "hi");
        lines.heard(Incoming.parse("ala: hi"), "ala", false);
        lines.acked("a");
        lines.heard(Incoming.parse("ala: hi"), "ala", false);
        lines.acked("b");

        lines.ackedElsewhere(OTHER); // a new connection: both resent
        assertFalse(lines.heard(Incoming.parse("ala: hi"), "ala", false), "a did not reach this server: delivered now, not shown again");
        assertNull(lines.acked("a"), "nothing held: a kept line's ack again");
        assertNull(lines.acked("b"), "b reached this server before: its ack alone");
        lines.hold("c", Kind.SAY, null, "hi", "hi");
        assertTrue(lines.heard(Incoming.parse("ala: hi"), "ala", false), "a new line of the same text is shown");
        assertEquals(List.of(), lines.lines(), "and settles its own pending line, not a kept one's");
    }

    @Test
    void theServerThatAckedALineDoesNotGetItAgainNorTakesItsEcho() {
        Pending lines = new Pending();
        HostPort first = new HostPort("127.0.0.1", 1);
        lines.ackedElsewhere(first);
        lines.hold("a", Kind.SAY, null, "hi", "hi");
        lines.heard(Incoming.parse("ala: hi"), "ala", false);
        lines.acked("a");
        assertEquals(List.of("a"), lines.ackedElsewhere(OTHER).stream().map(h -> h.id).toList(), "another server gets it");
        assertNull(lines.acked("a"));
        assertEquals(List.of(), lines.ackedElsewhere(first), "its own log has it, or, restarted without, it would deliver it twice");
        lines.hold("b", Kind.SAY, null, "hi", "hi");
        assertTrue(lines.heard(Incoming.parse("ala: hi"), "ala", false), "the echo is the new line's, not the kept one's");
        assertEquals(List.of(), lines.lines());
    }
}
