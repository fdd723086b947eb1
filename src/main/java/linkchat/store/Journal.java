package linkchat.store;

import linkchat.wire.Stamped;

/**
 * The durable log as the hub sees it: the narrow interface through which the server writes what
 * it delivers. Appending only queues and returns a ticket, so the hub may append under its lock
 * in its delivery order; {@link #awaitWritten} then waits, outside that lock, until the ticket's
 * record (and every one before it) is handed to the operating system, which is what must come
 * before an event is echoed or forwarded. Thread-safe. A log that failed throws
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

    /** Waits until the record of {@code ticket} and all before it are written. */
    void awaitWritten(long ticket);

    /**
     * Waits until every record queued before this call is written: a connection's writer calls it
     * before its bytes go out, so nothing it sends tells of an event the log could still lose.
     */
    void awaitQueued();

    /**
     * The last ticket written: what waits on a ticket up to it may go out now. Lets whichever
     * thread holds the hub's lock send everything already written, in order, without waiting.
     */
    long written();

    /** The journal of a server without a data directory: keeps nothing and never waits. */
    Journal NONE = new Journal() {
        @Override
        public long keep(Stamped s, long keptAt, byte[] carryFrame) {
            return 0;
        }

        @Override
        public long position(String origin, long boot, long seq) {
            return 0;
        }

        @Override
        public void awaitWritten(long ticket) {}

        @Override
        public void awaitQueued() {}

        @Override
        public long written() {
            return Long.MAX_VALUE;
        }
    };
}
