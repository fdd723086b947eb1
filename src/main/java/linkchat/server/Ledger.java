package linkchat.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/**
 * Which events this server has delivered from each origin, the ones held back until an
 * earlier one arrives, and the recent ones kept to replay to a peer after a split.
 *
 * <p>Per origin only its latest boot is tracked: an event is delivered once, and in the order
 * its origin produced it. Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class Ledger {
    /** Events held per origin while an earlier one is missing: bounds what a gap can pin. */
    static final int MAX_PENDING = 10_000;

    /** How long a gap may stay open before the held events are delivered without it. */
    static final long GAP_TIMEOUT_MS = 5_000;

    /**
     * Hard cap on the replay log, whatever the time window asks for: about 20 MB, where five
     * minutes of a flood could otherwise pin gigabytes.
     */
    static final int MAX_RETAINED = 100_000;

    /** Origins tracked at once: a federation has a handful; bounds what a confused peer can create. */
    static final int MAX_ORIGINS = 4_096;

    /** What accepting an event produced: events now deliverable, in order, and events given up as lost. */
    record Outcome(List<Stamped> deliver, long lost, String origin) {
        static final Outcome NONE = new Outcome(List.of(), 0, "");
    }

    private static final class Stream {
        final long boot;
        long delivered;
        final TreeMap<Long, Stamped> pending = new TreeMap<>();
        long gapSince;

        Stream(long boot, long delivered) {
            this.boot = boot;
            this.delivered = delivered;
        }
    }

    private record Entry(Stamped stamped, long keptAt) {}

    private final String self;
    private final long boot;
    private final int keepEvents;
    private final long keepMillis;
    private final Map<String, Stream> streams = new HashMap<>();
    private final ArrayDeque<Entry> log = new ArrayDeque<>();

    Ledger(String self, long boot, int keepEvents, long keepMillis) {
        this.self = self;
        this.boot = boot;
        this.keepEvents = keepEvents;
        this.keepMillis = keepMillis;
        streams.put(self, new Stream(boot, 0));
    }

    /** Stamps a new event of this server's own, records it, and returns it. */
    Stamped stamp(Event event, long now) {
        Stream own = streams.get(self);
        Stamped s = new Stamped(self, boot, ++own.delivered, now, event);
        keep(s, now);
        return s;
    }

    /** Offers an event from a peer: returns what may be delivered now (nothing for a copy already seen). */
    Outcome accept(Stamped s, long now) {
        Stream st = streams.get(s.origin());
        if (st == null) {
            if (streams.size() >= MAX_ORIGINS) {
                return Outcome.NONE;
            }
            st = new Stream(s.boot(), s.seq() - 1);
            streams.put(s.origin(), st);
        } else if (s.boot() < st.boot || s.origin().equals(self)) {
            return Outcome.NONE;
        } else if (s.boot() > st.boot) {
            st = new Stream(s.boot(), 0);
            streams.put(s.origin(), st);
        }
        if (s.seq() <= st.delivered || st.pending.containsKey(s.seq())) {
            return Outcome.NONE;
        }
        if (s.seq() != st.delivered + 1) {
            if (st.pending.isEmpty()) {
                st.gapSince = now;
            }
            st.pending.put(s.seq(), s);
            return st.pending.size() >= MAX_PENDING ? skipGap(s.origin(), st, now) : Outcome.NONE;
        }
        List<Stamped> out = new ArrayList<>();
        out.add(s);
        st.delivered = s.seq();
        keep(s, now);
        drain(st, out, now);
        return new Outcome(out, 0, s.origin());
    }

    /** Gives up every gap open longer than {@link #GAP_TIMEOUT_MS}; returns what that released. */
    List<Outcome> expireGaps(long now) {
        List<Outcome> out = new ArrayList<>();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            Stream st = e.getValue();
            if (!st.pending.isEmpty() && now - st.gapSince >= GAP_TIMEOUT_MS) {
                out.add(skipGap(e.getKey(), st, now));
            }
        }
        return out;
    }

    private Outcome skipGap(String origin, Stream st, long now) {
        long first = st.pending.firstKey();
        long lost = first - st.delivered - 1;
        st.delivered = first - 1;
        List<Stamped> out = new ArrayList<>();
        drain(st, out, now);
        return new Outcome(out, lost, origin);
    }

    private void drain(Stream st, List<Stamped> out, long now) {
        Stamped next;
        while ((next = st.pending.remove(st.delivered + 1)) != null) {
            st.delivered = next.seq();
            keep(next, now);
            out.add(next);
        }
        st.gapSince = now;
    }

    /**
     * Moves an origin's position to (boot, seq) if that is ahead of what this server knows; returns
     * the held events that this releases. Events up to seq are then treated as seen.
     */
    List<Stamped> adopt(String origin, long originBoot, long seq, long now) {
        Stream st = streams.get(origin);
        if (origin.equals(self) || (st != null && (originBoot < st.boot || (originBoot == st.boot && seq <= st.delivered)))) {
            return List.of();
        }
        if (st == null || originBoot > st.boot) {
            st = new Stream(originBoot, seq);
            streams.put(origin, st);
        }
        st.delivered = seq;
        st.pending.headMap(seq, true).clear();
        List<Stamped> out = new ArrayList<>();
        drain(st, out, now);
        return out;
    }

    /** The boot tracked for an origin, or -1. */
    long bootOf(String origin) {
        Stream st = streams.get(origin);
        return st == null ? -1 : st.boot;
    }

    /** The last seq delivered from an origin's tracked boot, or -1. */
    long deliveredOf(String origin) {
        Stream st = streams.get(origin);
        return st == null ? -1 : st.delivered;
    }

    /** Every origin tracked. */
    List<String> origins() {
        return List.copyOf(streams.keySet());
    }

    /**
     * The kept events of (origin, boot) after {@code after}, in order; the first element of the
     * result is how many events between were no longer kept.
     */
    Replay replay(String origin, long originBoot, long after) {
        List<Stamped> events = new ArrayList<>();
        for (Entry e : log) {
            Stamped s = e.stamped();
            if (s.origin().equals(origin) && s.boot() == originBoot && s.seq() > after) {
                events.add(s);
            }
        }
        long firstKept = events.isEmpty() ? deliveredOf(origin) + 1 : events.getFirst().seq();
        return new Replay(events, Math.max(0, firstKept - after - 1));
    }

    /** Kept events to send a peer, and how many it missed that were no longer kept. */
    record Replay(List<Stamped> events, long lost) {}

    /** Number of events in the replay log now. */
    int retained() {
        return log.size();
    }

    private void keep(Stamped s, long now) {
        log.addLast(new Entry(s, now));
        Iterator<Entry> it = log.iterator();
        while (log.size() > keepEvents && it.hasNext()) {
            Entry oldest = it.next();
            if (log.size() <= MAX_RETAINED && now - oldest.keptAt() < keepMillis) {
                break;
            }
            it.remove();
        }
    }
}
