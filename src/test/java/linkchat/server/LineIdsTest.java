package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.LineId;
import linkchat.wire.ServerName;
import linkchat.wire.Stamped;

class LineIdsTest {
    private static Stamped said(String origin, long seq, String id) {
        return new Stamped(origin, 1, seq, 0, new Event.Said("ala", "hi", id));
    }

    @Test
    void anIdIsNewOnceAndTheSameEventStaysNew() {
        LineIds window = new LineIds();
        assertTrue(window.remember(said("s1", 1, "k:1")));
        assertTrue(window.known("k:1"));
        // The same event again (restored from the log, say) is not a second copy of its line.
        assertTrue(window.remember(said("s1", 1, "k:1")));
        // Another event with the id is: its client resent the line, to this server or another.
        assertFalse(window.remember(said("s2", 4, "k:1")));
        assertFalse(window.remember(said("s1", 2, "k:1")));
        assertFalse(window.remember(new Stamped("s1", 1, 3, 0, new Event.Whispered("ala", "bob", "s1", "psst", "k:1"))));
        // The window keeps the first: that copy is still the one shown.
        assertTrue(window.remember(said("s1", 1, "k:1")));
        assertEquals(1, window.size());
    }

    @Test
    void eventsWithoutAnIdAreNeitherRememberedNorRefused() {
        LineIds window = new LineIds();
        assertTrue(window.remember(said("s1", 1, "")));
        assertTrue(window.remember(said("s1", 1, "")));
        assertTrue(window.remember(new Stamped("s1", 1, 2, 0, new Event.Joined("ala"))));
        assertFalse(window.known(""));
        assertEquals(0, window.size());
        assertEquals(0, window.bytes());
    }

    @Test
    void theOldestIdsGoPastTheCount() {
        LineIds window = new LineIds(3, Long.MAX_VALUE);
        for (long seq = 1; seq <= 5; seq++) {
            assertTrue(window.remember(said("s1", seq, "k:" + seq)));
        }
        assertEquals(3, window.size());
        assertFalse(window.known("k:1"));
        assertFalse(window.known("k:2"));
        assertTrue(window.known("k:3") && window.known("k:5"));
        // Forgotten, an id is new again: the window is what bounds once-only delivery.
        assertTrue(window.remember(said("s2", 9, "k:1")));
    }

    @Test
    void theOldestIdsGoPastTheBytes() {
        String id = "k".repeat(LineId.MAX_LENGTH);
        long each = LineIds.weigh(id, "s1");
        LineIds window = new LineIds(Integer.MAX_VALUE, 10 * each);
        for (int i = 1; i <= 25; i++) {
            window.remember(said("s1", i, id.substring(2) + (i < 10 ? "0" + i : "" + i)));
            assertTrue(window.bytes() <= 10 * each, "holds " + window.bytes());
        }
        assertEquals(10, window.size());
        assertEquals(10 * each, window.bytes());
        assertTrue(window.known(id.substring(2) + "25") && !window.known(id.substring(2) + "15"));
    }

    @Test
    void theDefaultBoundsHoldAWindowOfTheLongestIdsInTheirBytes() {
        LineIds window = new LineIds();
        String origin = "s".repeat(ServerName.MAX_LENGTH);
        String pad = "k".repeat(LineId.MAX_LENGTH - 7);
        for (int i = 0; i < LineIds.MAX_IDS; i++) {
            window.remember(new Stamped(origin, 1, i + 1, 0, new Event.Said("ala", "hi", pad + String.format("%07d", i))));
        }
        assertTrue(window.bytes() <= LineIds.MAX_BYTES, "holds " + window.bytes());
        assertTrue(window.size() > LineIds.MAX_IDS * 8 / 10, "holds only " + window.size());
        // Of short ids, the count binds.
        LineIds shortIds = new LineIds();
        for (int i = 0; i < LineIds.MAX_IDS + 10; i++) {
            shortIds.remember(said("s1", i + 1, "c:" + i));
        }
        assertEquals(LineIds.MAX_IDS, shortIds.size());
    }
}
