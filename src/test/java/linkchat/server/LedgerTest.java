package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.store.Journal;
import linkchat.store.Record;
import linkchat.wire.Event;
import linkchat.wire.Stamped;

class LedgerTest {
    private static final long BOOT = 100;

    private static Stamped ev(String origin, long boot, long seq) {
        return new Stamped(origin, boot, seq, 0, new Event.Said("n", "m" + seq));
    }

    private static List<Long> seqs(Ledger.Outcome o) {
        return o.deliver().stream().map(Stamped::seq).toList();
    }

    @Test
    void aRestoredLedgerGoesOnFromWhereItsLogStood() {
        Ledger ledger = new Ledger("me", 7, 100, 0);
        ledger.restore(ev("me", 6, 1), 0); // a boot before the one it runs: no longer replayable
        ledger.restore(ev("me", 7, 1), 0);
        ledger.restore(ev("me", 7, 2), 0);
        ledger.restore(ev("s2", BOOT, 4), 0);
        ledger.restore(new Record.Position("s3", BOOT, 9));
        assertEquals(3, ledger.retained(), "the older boot's event was not kept for replay");
        assertEquals(3, ledger.stamp(new Event.Said("ala", "next"), 0).seq(), "its own stream goes on");
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT, 4), 0)), "a restored event is not delivered again");
        assertEquals(List.of(5L), seqs(ledger.accept(ev("s2", BOOT, 5), 0)));
        assertEquals(List.of(10L), seqs(ledger.accept(ev("s3", BOOT, 10), 0)), "a position restored without its events");
        assertEquals(List.of(2L, 3L), ledger.replay("me", 7, 1).events().stream().map(Stamped::seq).toList());
    }

    @Test
    void deliversEachEventOnceInItsOriginsOrder() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        assertEquals(List.of(1L), seqs(ledger.accept(ev("s2", BOOT, 1), 0)));
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT, 3), 0)), "3 waits for 2");
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT, 3), 0)), "a copy of a held event");
        assertEquals(List.of(2L, 3L), seqs(ledger.accept(ev("s2", BOOT, 2), 0)));
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT, 2), 0)), "a late copy");
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT - 1, 9), 0)), "an older boot");
        assertEquals(List.of(1L), seqs(ledger.accept(ev("s2", BOOT + 1, 1), 0)), "a new boot starts over");
    }

    @Test
    void anOriginFirstHeardMidStreamStartsWhereItIsHeard() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        assertEquals(List.of(500L), seqs(ledger.accept(ev("s2", BOOT, 500), 0)));
        assertEquals(List.of(501L), seqs(ledger.accept(ev("s2", BOOT, 501), 0)));
    }

    @Test
    void aGapLeftOpenTooLongIsGivenUpAndCounted() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        ledger.accept(ev("s2", BOOT, 1), 0);
        ledger.accept(ev("s2", BOOT, 5), 10);
        assertTrue(ledger.expireGaps(10 + Ledger.GAP_TIMEOUT_MS - 1).isEmpty());
        List<Ledger.Outcome> expired = ledger.expireGaps(10 + Ledger.GAP_TIMEOUT_MS);
        assertEquals(1, expired.size());
        assertEquals(3, expired.getFirst().lost());
        assertEquals(List.of(5L), seqs(expired.getFirst()));
    }

    @Test
    void replayGivesWhatAPeerMissedAndCountsWhatWasNotKept() {
        Ledger ledger = new Ledger("me", 1, 10, 0);
        for (long i = 1; i <= 30; i++) {
            ledger.accept(ev("s2", BOOT, i), 0);
        }
        Ledger.Replay fromTwentyFive = ledger.replay("s2", BOOT, 25);
        assertEquals(List.of(26L, 27L, 28L, 29L, 30L), fromTwentyFive.events().stream().map(Stamped::seq).toList());
        assertEquals(0, fromTwentyFive.lost());
        Ledger.Replay fromFive = ledger.replay("s2", BOOT, 5);
        assertEquals(21L, fromFive.events().getFirst().seq());
        assertEquals(15, fromFive.lost());
    }

    @Test
    void theReplayLogStaysBoundedUnderAnyLoad() {
        Ledger ledger = new Ledger("me", 1, 1_000, 60_000);
        for (long i = 1; i <= 200_000; i++) {
            ledger.stamp(new Event.Said("n", "x"), i * 1_000);
        }
        // Older than a minute and beyond the newest thousand: dropped.
        assertTrue(ledger.retained() <= 1_000 + 60, "retained " + ledger.retained());
        assertTrue(ledger.retained() >= 1_000);
    }

    @Test
    void adoptingAPositionSkipsWhatCameBeforeIt() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        ledger.accept(ev("s2", BOOT, 1), 0);
        ledger.accept(ev("s2", BOOT, 4), 0);
        assertEquals(List.of(4L), seqs(ledger.adopt("s2", BOOT, 3, 0)));
        assertEquals(List.of(), seqs(ledger.accept(ev("s2", BOOT, 2), 0)));
        assertEquals(4, ledger.origins().deliveredOf("s2"));
    }

    /** A 64,000-character line, shared so the test itself stays small: the ledger counts it each time. */
    private static final String LONG = "y".repeat(64_000);

    @Test
    void theReplayLogStaysWithinItsBytesWhateverItsWindowsAsk() {
        Ledger ledger = new Ledger("me", 1, 100_000, 300_000);
        for (int i = 0; i < 1_000; i++) {
            ledger.stamp(new Event.Said("n", LONG), i);
            assertTrue(ledger.retainedBytes() <= ReplayLog.MAX_RETAINED_BYTES, "retained " + ledger.retainedBytes());
        }
        long perLine = Ledger.weigh(new Stamped("me", 1, 1, 0, new Event.Said("n", LONG)));
        assertEquals(ReplayLog.MAX_RETAINED_BYTES / perLine, ledger.retained(), "the newest lines that fit are kept");
        Ledger.Replay all = ledger.replay("me", 1, 0);
        assertEquals(1_000, all.events().getLast().seq(), "the newest is kept");
        assertEquals(1_000 - ledger.retained(), all.lost(), "what the bytes did not keep is counted as lost");
    }

    @Test
    void gapsOfEveryOriginTogetherStayWithinTheirBytes() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        long lost = 0;
        for (int origin = 0; origin < 100; origin++) {
            String name = "s" + origin;
            ledger.accept(new Stamped(name, BOOT, 1, 0, new Event.Said("n", "x")), 0);
            for (long seq = 3; seq < 30; seq++) {
                Ledger.Outcome o = ledger.accept(new Stamped(name, BOOT, seq, 0, new Event.Said("n", LONG)), 0);
                lost += o.lost();
                assertTrue(ledger.origins().pendingBytes() <= Ledger.MAX_PENDING_BYTES, "held " + ledger.origins().pendingBytes());
            }
        }
        assertTrue(lost > 0, "past the cap a gap is given up and counted as lost");
    }

    @Test
    void bytesHeldInAGapAreGivenBackWhenItCloses() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        ledger.accept(ev("s2", BOOT, 1), 0);
        ledger.accept(ev("s2", BOOT, 3), 0);
        ledger.accept(ev("s3", BOOT, 1), 0);
        ledger.accept(ev("s3", BOOT, 5), 0);
        assertTrue(ledger.origins().pendingBytes() > 0);
        ledger.accept(ev("s2", BOOT, 2), 0);
        ledger.adopt("s3", BOOT, 6, 0);
        assertEquals(0, ledger.origins().pendingBytes(), "a filled gap and an adopted position hold nothing");
        ledger.accept(ev("s2", BOOT, 9), 0);
        ledger.accept(ev("s2", BOOT + 1, 1), 0);
        assertEquals(0, ledger.origins().pendingBytes(), "a new boot drops the old one's gaps");
    }

    @Test
    void anEventTooFarAheadIsAResyncAndMovesNothing() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        ledger.accept(ev("s2", BOOT, 1), 0);
        Ledger.Outcome far = ledger.accept(ev("s2", BOOT, 2 + Ledger.MAX_SEQ_JUMP), 0);
        assertTrue(far.resync());
        assertTrue(ledger.accept(ev("s2", BOOT + 1, 1 + Ledger.MAX_SEQ_JUMP), 0).resync(), "a new boot starting far ahead");
        assertEquals(BOOT, ledger.origins().bootOf("s2"));
        assertEquals(List.of(2L), seqs(ledger.accept(ev("s2", BOOT, 2), 0)));
        assertTrue(ledger.expireGaps(Ledger.GAP_TIMEOUT_MS).isEmpty(), "nothing was held for the far event");
    }

    @Test
    void theOriginsOwnWordReplacesAPositionOnlyAThirdPartyCanHaveMadeUp() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        ledger.accept(ev("s2", BOOT, 1), 0);
        ledger.accept(ev("s2", BOOT, 2), 0);
        assertFalse(ledger.correct("s2", BOOT, 2), "level");
        assertFalse(ledger.correct("s2", BOOT, 1), "ahead by what may be in flight on another path");
        assertFalse(ledger.correct("s2", BOOT + 1, 0), "behind: its own link catches it up");
        ledger.adopt("s2", BOOT, 5_000_000, 0);
        assertTrue(ledger.correct("s2", BOOT, 2));
        assertEquals(List.of(3L), seqs(ledger.accept(ev("s2", BOOT, 3), 0)));
        ledger.adopt("s2", BOOT + 7, 1, 0);
        assertTrue(ledger.correct("s2", BOOT, 3), "a boot it never ran");
        assertEquals(BOOT, ledger.origins().bootOf("s2"));
        assertEquals(List.of(4L), seqs(ledger.accept(ev("s2", BOOT, 4), 0)));
    }

    @Test
    void aPeerPastTheOriginCapIsRefused() {
        Ledger ledger = new Ledger("me", 1, 100, 0);
        for (int i = 1; i < Origins.MAX_ORIGINS; i++) {
            ledger.accept(ev("o" + i, BOOT, 1), 0);
        }
        assertThrows(Implausible.class, () -> ledger.accept(ev("one-more", BOOT, 1), 0));
        assertThrows(Implausible.class, () -> ledger.adopt("one-more", BOOT, 1, 0));
        assertEquals(List.of(2L), seqs(ledger.accept(ev("o1", BOOT, 2), 0)), "known origins go on");
    }

    @Test
    void aKeptEventsFrameIsMadeOnceAndCountsInTheLog() {
        Ledger ledger = new Ledger("me", 1, 2, 0);
        Stamped first = ledger.stamp(new Event.Said("n", "one"), 0);
        long before = ledger.retainedBytes();
        byte[] frame = ledger.carryFrame(first);
        org.junit.jupiter.api.Assertions.assertSame(frame, ledger.carryFrame(first), "a replay shares the fan-out's frame");
        assertEquals(before + frame.length, ledger.retainedBytes());
        ledger.stamp(new Event.Said("n", "two"), 0);
        ledger.stamp(new Event.Said("n", "three"), 0);
        org.junit.jupiter.api.Assertions.assertNotSame(frame, ledger.carryFrame(first), "an event no longer kept is encoded afresh");
        assertEquals(2, ledger.retained());
    }

    @Test
    void anOlderEventsFrameIsFoundForAReplayAndStaysFoundAsTheLogMoves() {
        Ledger ledger = new Ledger("me", 1, 3, 0);
        Stamped one = ledger.stamp(new Event.Said("n", "one"), 0);
        byte[] frame = ledger.carryFrame(one);
        Stamped two = ledger.stamp(new Event.Said("n", "two"), 0);
        org.junit.jupiter.api.Assertions.assertSame(frame, ledger.carryFrame(one), "an event behind the newest is found too");
        byte[] second = ledger.carryFrame(two);
        ledger.stamp(new Event.Said("n", "three"), 0);
        ledger.stamp(new Event.Said("n", "four"), 0);
        org.junit.jupiter.api.Assertions.assertSame(second, ledger.carryFrame(two), "events kept after the lookup are indexed");
        org.junit.jupiter.api.Assertions.assertNotSame(frame, ledger.carryFrame(one), "a trimmed event leaves the index");
    }

    @Test
    void whileLinkedTheJournalsRecordIsMadeOfTheLinksFrame() {
        List<byte[]> handed = new java.util.ArrayList<>();
        boolean[] linked = {false};
        Journal journal = Journal.unwritten((kept, keptAt, carryFrame) -> {
            handed.add(carryFrame);
            return handed.size();
        });
        Ledger ledger = new Ledger(new Origins("me", 1), 100, 0, journal, () -> linked[0]);
        ledger.stamp(new Event.Said("n", "alone"), 0);
        assertEquals(null, handed.get(0), "without links no frame is made: the journal encodes the record");
        linked[0] = true;
        Stamped s = ledger.stamp(new Event.Said("n", "linked"), 0);
        org.junit.jupiter.api.Assertions.assertSame(ledger.carryFrame(s), handed.get(1), "the record and the links share one encoding");
        ledger.accept(ev("s2", BOOT, 1), 0);
        org.junit.jupiter.api.Assertions.assertNotNull(handed.get(2), "a peer's event too");
    }
}
