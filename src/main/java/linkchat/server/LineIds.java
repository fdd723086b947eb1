package linkchat.server;

import java.util.LinkedHashMap;
import java.util.Map;

import linkchat.wire.Stamped;

/**
 * The window of recent client line ids: each id delivered here, and the event (origin, boot,
 * seq) it was delivered as, so a line its client resent after a fail-over, to this server or to
 * another, is shown once (PROTOCOL.md 3.3, "Line ids"). Bounded in ids and in bytes; the oldest
 * go first. Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class LineIds {
    /**
     * Most ids remembered: as many events as the replay log keeps at most, so an id is known for
     * as long as its first copy can still be replayed to a server that missed it, which is when
     * a second copy, sent by its client to another server, may meet it.
     */
    static final int MAX_IDS = 100_000;

    /**
     * Bytes the window may hold, as {@link #weigh} counts them: {@link #MAX_IDS} ids of up to 32
     * characters fit, from origins of any name; of the longest ids, 87,000. So a peer sending
     * nothing but the longest ids pins at most half of what the replay log may (64 MiB).
     */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    /** What an id costs beyond its characters: the map's entry and table slot, the id's string, the record. */
    private static final int ENTRY_OVERHEAD_BYTES = 128;

    /** The event an id was delivered as. */
    private record DeliveredAs(String origin, long boot, long seq) {
        static DeliveredAs of(Stamped s) {
            return new DeliveredAs(s.origin(), s.boot(), s.seq());
        }
    }

    private final LinkedHashMap<String, DeliveredAs> ids = new LinkedHashMap<>();
    private final int maxIds;
    private final long maxBytes;
    private long bytes;

    LineIds() {
        this(MAX_IDS, MAX_BYTES);
    }

    /** A window of at most {@code maxIds} ids and {@code maxBytes} bytes: smaller ones for tests. */
    LineIds(int maxIds, long maxBytes) {
        this.maxIds = maxIds;
        this.maxBytes = maxBytes;
    }

    /** True if a line with id {@code id} was delivered as an event still in the window; false for the empty id (none). */
    boolean known(String id) {
        return !id.isEmpty() && ids.containsKey(id);
    }

    /**
     * Notes that {@code s} was delivered, dropping the oldest ids past the bounds. True if it is
     * new to the window: it has no id, its id is not in the window, or is there as this very
     * event. False if its id was delivered already as another event: the same line, resent by
     * its client to another server; the window keeps the first.
     */
    boolean remember(Stamped s) {
        String id = s.event().lineId();
        if (id.isEmpty()) {
            return true;
        }
        DeliveredAs as = DeliveredAs.of(s);
        DeliveredAs first = ids.putIfAbsent(id, as);
        if (first != null) {
            return first.equals(as);
        }
        bytes += weigh(id, as);
        while (ids.size() > maxIds || bytes > maxBytes) {
            Map.Entry<String, DeliveredAs> oldest = ids.pollFirstEntry();
            bytes -= weigh(oldest.getKey(), oldest.getValue());
        }
        return true;
    }

    /** How many ids the window holds. */
    int size() {
        return ids.size();
    }

    /** Bytes the window holds, as {@link #weigh} counts them. */
    long bytes() {
        return bytes;
    }

    /** What an id costs in memory, counted high as {@link Ledger#weigh} counts: two bytes a character, its origin's name too. */
    static long weigh(String id, String origin) {
        return ENTRY_OVERHEAD_BYTES + 2L * (id.length() + origin.length());
    }

    private static long weigh(String id, DeliveredAs as) {
        return weigh(id, as.origin());
    }
}
