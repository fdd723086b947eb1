package linkchat.store;

import linkchat.wire.Stamped;

/**
 * The durable log as the hub sees it: the narrow interface through which the server writes what
 * it delivers. Appending only queues and returns a ticket, so the hub may append under its lock
 * in its delivery order; a connection's writer then waits ({@link #awaitQueued}), outside that
 * lock, until every record queued is handed to the operating system, which is what must come
 * before an event is echoed or forwarded, or is started only once they are
 * ({@link #afterQueued}). Thread-safe. A log that failed throws
 * {@link java.io.UncheckedIOException} from every call: the server must stop rather than go on
 * without it.
 */
public interface Journal {
    /**
     * Queues event {@code s}, kept at {@code keptAt} (local time, ms). {@code carryFrame} is the
     * frame that carries it to links if one was made (it is then not encoded again), else null.
     */
    long keep(Stamped s, long keptAt, byte[] carryFrame);

    /** Queues where an origin's stream stands, when it moves without an event: a snapshot adopted, a position corrected. */
    long position(String origin, long boot, long seq);

    /**
     * Waits until every record queued before this call is written: a connection's writer calls it
     * before its bytes go out, so nothing it sends tells of an event the log could still lose.
     * Returns true if it had to wait, false if they were written already.
     */
    boolean awaitQueued();

    /**
     * Runs {@code start} once every record queued before this call is written: at once, on this
     * thread, if they are (always, with a sync period: a record is written when it is kept); else,
     * with a sync at each write, on the log's sync thread right after the sync. A connection's
     * writer is started this way, so it does not start only to wait for the log and be woken again.
     * What it runs must be quick and never wait: it may run under the hub's lock, or on the log's thread. A
     * log that failed runs it at once, and what it starts finds the failure.
     */
    void afterQueued(Runnable start);

    /** The journal of a server without a data directory: keeps nothing and never waits. */
    Journal NONE = unwritten((s, keptAt, carryFrame) -> 0);

    /** What an {@link #unwritten} journal does with each event handed to it. */
    @FunctionalInterface
    interface Watcher {
        /** Hears an event as {@link #keep} does; returns the ticket keep returns. */
        long keep(Stamped s, long keptAt, byte[] carryFrame);
    }

    /**
     * A journal that writes nothing and never waits, and hands each event to {@code watcher}:
     * {@link #NONE}'s, and a test's that watches what the ledger hands over.
     */
    static Journal unwritten(Watcher watcher) {
        return new Journal() {
            @Override
            public long keep(Stamped s, long keptAt, byte[] carryFrame) {
                return watcher.keep(s, keptAt, carryFrame);
            }

            @Override
            public long position(String origin, long boot, long seq) {
                return 0;
            }

            @Override
            public boolean awaitQueued() {
                return false;
            }

            @Override
            public void afterQueued(Runnable start) {
                start.run();
            }
        };
    }
}
