package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/** The count bound on a gap: fewer than {@link Ledger#MAX_PENDING} events ever wait behind a missing one. */
class LedgerGapTest {
    private static Stamped ev(long seq) {
        return new Stamped("s2", 100, seq, 0, new Event.Said("n", "m"));
    }

    @Test
    void aGapHoldsEventsOnlyWithinTheWidestStepAndNoneBeyond() {
        Ledger ledger = new Ledger("me", 1, 10, 0);
        ledger.accept(ev(1), 0);
        long last = 1 + Ledger.MAX_SEQ_JUMP;
        for (long seq = 3; seq <= last; seq++) {
            assertEquals(0, ledger.accept(ev(seq), 0).deliver().size(), "held behind the missing 2: " + seq);
        }
        Ledger.Outcome beyond = ledger.accept(ev(last + 1), 0);
        assertTrue(beyond.resync(), "one past the widest step is not held but asked for");
        assertTrue(Ledger.MAX_SEQ_JUMP - 1 < Ledger.MAX_PENDING, "what can wait stays under the count bound");
        Ledger.Outcome filled = ledger.accept(ev(2), 0);
        assertEquals(last - 1, filled.deliver().size(), "2 releases everything held, and nothing beyond was");
        assertEquals(0, filled.lost());
        assertEquals(0, ledger.origins().pendingBytes());
    }
}
