package linkchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckerTest {
    @Test
    void anInOrderRunIsComplete() {
        Checker c = new Checker(2, 100);
        for (int seq = 0; seq < 100; seq++) {
            assertEquals(Checker.Verdict.FIRST, c.accept(0, seq));
            assertEquals(Checker.Verdict.FIRST, c.accept(1, seq));
        }
        assertTrue(c.complete());
        assertEquals(200, c.received());
        assertEquals(0, c.lost());
        assertEquals(0, c.duplicated());
        assertEquals(0, c.reordered());
    }

    @Test
    void aGapADuplicateAndAReorderAreEachCountedOnce() {
        Checker c = new Checker(2, 10);
        int[] sender0 = {0, 1, 2, 4, 3, 5, 5, 6, 8, 9};   // 7 missing, 3 late, 5 twice
        for (int seq : sender0) {
            c.accept(0, seq);
        }
        for (int seq = 0; seq < 10; seq++) {
            c.accept(1, seq);
        }
        assertFalse(c.complete());
        assertEquals(1, c.lost());
        assertEquals(1, c.duplicated());
        assertEquals(1, c.reordered());
        assertEquals(19, c.received());
    }

    @Test
    void verdictsSayWhatHappened() {
        Checker c = new Checker(1, 70);
        assertEquals(Checker.Verdict.FIRST, c.accept(0, 65));
        assertEquals(Checker.Verdict.REORDERED, c.accept(0, 64));
        assertEquals(Checker.Verdict.DUPLICATE, c.accept(0, 65));
        assertEquals(Checker.Verdict.OUT_OF_RANGE, c.accept(0, 70));
        assertEquals(Checker.Verdict.OUT_OF_RANGE, c.accept(1, 0));
        assertEquals(Checker.Verdict.OUT_OF_RANGE, c.accept(-1, 0));
        assertEquals(3, c.outOfRange());
        assertEquals(68, c.lost());
    }

    @Test
    void fanOutCountsOnlyMessagesEveryReceiverGotFromTheGivenSequenceOn() {
        Checker a = new Checker(2, 130);
        Checker b = new Checker(2, 130);
        for (int seq = 0; seq < 130; seq++) {
            a.accept(0, seq);
            a.accept(1, seq);
            if (seq != 100) {
                b.accept(0, seq);
            }
            b.accept(1, seq);
        }
        long[][] everywhere = Checker.allSet(2, 130);
        a.intersectInto(everywhere);
        b.intersectInto(everywhere);
        assertEquals(259, Checker.countFrom(everywhere, 0));
        assertEquals(2 * 60 - 1, Checker.countFrom(everywhere, 70));
        assertEquals(2 * 2, Checker.countFrom(everywhere, 128));
    }
}
