package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/** The count bound on a gap: a stream may hold {@link Ledger#MAX_PENDING} events behind a missing one, no more. */
class LedgerGapTest {
    private static Stamped ev(long seq) {
        return new Stamped("s2", 100, seq, 0, new Event.Said("n", "m"));
    }

    @Test
    void aGapHoldingTooManyEventsIsGivenUpAtOnceAndCounted() {
        Ledger ledger = new Ledger("me", 1, 10, 0);
        ledger.accept(ev(1), 0);
        for (long seq = 3; seq < 2 + Ledger.MAX_PENDING; seq++) {
            assertEquals(0, ledger.accept(ev(seq), 0).deliver().size(), "held behind the missing 2: " + seq);
        }
        Ledger.Outcome full = ledger.accept(ev(2 + Ledger.MAX_PENDING), 0);
        assertEquals(Ledger.MAX_PENDING, full.deliver().size(), "the held events go out without 2");
        assertEquals(1, full.lost());
        assertEquals(0, ledger.pendingBytes());
    }
}
