package linkchat.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * The recent events a server keeps to replay to a peer after a split, oldest first, within an
 * event count and a time window and never past a count and byte cap; and the frame each carries
 * to links, made once. Not thread-safe: the {@link Ledger} calls it under the hub's lock.
 */
final class ReplayLog {
    /**
     * Hard cap on the replay log, whatever the time window asks for: about 20 MB, where five
     * minutes of a flood could otherwise pin gigabytes.
     */
    static final int MAX_RETAINED = 100_000;

    /**
     * Bytes the replay log may hold, whatever its event and time windows ask for: at 64 KB a
     * line, 100,000 events would pin 6 GB, and a flood of long lines would take the heap.
     */
    static final long MAX_RETAINED_BYTES = 64L * 1024 * 1024;

    /** A kept event, and its frame for links once one was made: a replay then shares it. */
    private static final class Entry {
        final Stamped stamped;
        final long keptAt;
        long bytes;
        byte[] carry;

        Entry(Stamped stamped, long keptAt, long bytes) {
            this.stamped = stamped;
            this.keptAt = keptAt;
            this.bytes = bytes;
        }
    }

    private final int keepEvents;
    private final long keepMillis;
    private final ArrayDeque<Entry> log = new ArrayDeque<>();
    /**
     * The log's entries by event, to find an older event's frame for a replay; holds exactly what
     * the log holds once made, and is made only then: the fan-out asks for the newest event's
     * frame, found without it, and a server without links never asks at all.
     */
    private Map<Stamped, Entry> kept;
    private long retainedBytes;

    /** Keeps at least {@code keepEvents} events, or {@code keepMillis} of them, whichever is more, within the caps. */
    ReplayLog(int keepEvents, long keepMillis) {
        this.keepEvents = keepEvents;
        this.keepMillis = keepMillis;
    }

    /**
     * Keeps {@code s} for replay, then drops the oldest events past the windows: beyond the
     * event count once they are older than the time window or the count cap, and beyond the
     * byte cap at once.
     */
    void keep(Stamped s, long now) {
        Entry entry = new Entry(s, now, Ledger.weigh(s));
        log.addLast(entry);
        if (kept != null) {
            kept.put(s, entry);
        }
        retainedBytes += entry.bytes;
        trim(now);
    }

    private void trim(long now) {
        Iterator<Entry> it = log.iterator();
        while (it.hasNext()) {
            Entry oldest = it.next();
            boolean overCount = log.size() > keepEvents
                    && (log.size() > MAX_RETAINED || now - oldest.keptAt >= keepMillis);
            if (!overCount && retainedBytes <= MAX_RETAINED_BYTES) {
                break;
            }
            it.remove();
            if (kept != null) {
                kept.remove(oldest.stamped);
            }
            retainedBytes -= oldest.bytes;
        }
    }

    /**
     * The frame that carries {@code s} to a link, made once while the event is kept: the fan-out to
     * every link and every later replay of it share one array, so links that replay the whole log
     * (or never read) hold no copy of their own. Its bytes count in the replay log's.
     */
    byte[] carryFrame(Stamped s) {
        Entry entry = find(s);
        if (entry == null) {
            return PeerCodec.frame(new PeerMessage.Carry(s));
        }
        if (entry.carry == null) {
            entry.carry = PeerCodec.frame(new PeerMessage.Carry(s));
            entry.bytes += entry.carry.length;
            retainedBytes += entry.carry.length;
            trim(entry.keptAt);
        }
        return entry.carry;
    }

    /** The entry of {@code s}, if it is kept: the newest at once, any other through the index, made now if need be. */
    private Entry find(Stamped s) {
        Entry newest = log.peekLast();
        if (newest != null && newest.stamped == s) {
            return newest;
        }
        if (kept == null) {
            kept = new IdentityHashMap<>();
            for (Entry e : log) {
                kept.put(e.stamped, e);
            }
        }
        return kept.get(s);
    }

    /** The kept events of (origin, boot) after {@code after}, in order. */
    List<Stamped> after(String origin, long originBoot, long after) {
        List<Stamped> events = new ArrayList<>();
        for (Entry e : log) {
            Stamped s = e.stamped;
            if (s.origin().equals(origin) && s.boot() == originBoot && s.seq() > after) {
                events.add(s);
            }
        }
        return events;
    }

    /** Events kept now. */
    int size() {
        return log.size();
    }

    /** Bytes kept now, frames included, as {@link Ledger#weigh} counts events. */
    long bytes() {
        return retainedBytes;
    }
}
