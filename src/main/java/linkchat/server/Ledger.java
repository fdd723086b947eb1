package linkchat.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import linkchat.store.Journal;
import linkchat.store.Record;
import linkchat.wire.Event;
import linkchat.wire.Stamped;

/**
 * Moves each origin's position as events come (delivering each once, in the order its origin
 * produced it, holding back those past a gap) and keeps the recent ones to replay to a peer
 * after a split. The positions and held events are the {@link Origins} records; the ledger's
 * own is the replay log.
 *
 * <p>Per origin only its latest boot is tracked. Not thread-safe: the {@link Hub} calls it under
 * its lock.
 */
final class Ledger {
    /**
     * Events held per origin while an earlier one is missing: bounds what a gap can pin. It is
     * kept by {@link #MAX_SEQ_JUMP}: an event is held only within that many of the stream's
     * position, so fewer than this many ever wait.
     */
    static final int MAX_PENDING = 10_000;

    /** How long a gap may stay open before the held events are delivered without it. */
    static final long GAP_TIMEOUT_MS = 5_000;

    /** Bytes held back in every origin's gaps together: however many origins, gaps cannot pin more. */
    static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;

    /** What an event costs beyond its strings' characters: the records, the map entries, the headers. */
    private static final int EVENT_OVERHEAD_BYTES = 160;

    /**
     * Widest step an event may take past the position of its origin's stream: a gap wider than
     * the events that may be held could never be filled by holding them. An event further ahead
     * is not taken as a new position (one forged seq would make every later event look like an
     * old copy); the link is asked for a snapshot of the origin instead.
     */
    static final long MAX_SEQ_JUMP = MAX_PENDING;

    /**
     * What accepting an event produced: events now deliverable, in order, events given up as
     * lost, and whether the event was too far ahead to take, so the link should be asked for
     * the origin's state.
     */
    record Outcome(List<Stamped> deliver, long lost, String origin, boolean resync) {
        static final Outcome NONE = new Outcome(List.of(), 0, "");

        Outcome(List<Stamped> deliver, long lost, String origin) {
            this(deliver, lost, origin, false);
        }
    }

    private final Origins origins;
    private final String self;
    private final ReplayLog log;
    private final Journal journal;
    private final BooleanSupplier linked;

    /** A ledger of server {@code self} in boot {@code boot} with a table of its own, no journal and no links. */
    Ledger(String self, long boot, int keepEvents, long keepMillis) {
        this(new Origins(self, boot), keepEvents, keepMillis, Journal.NONE, () -> false);
    }

    /**
     * A ledger that moves {@code origins}' positions and hands every event it keeps, and every
     * position it moves without one, to {@code journal}; while {@code linked} says the server has
     * links, an event's link frame is made as it is kept, and its record is made of those bytes.
     */
    Ledger(Origins origins, int keepEvents, long keepMillis, Journal journal, BooleanSupplier linked) {
        this.origins = origins;
        this.self = origins.self();
        this.log = new ReplayLog(keepEvents, keepMillis);
        this.journal = journal;
        this.linked = linked;
    }

    /** The records this ledger moves. */
    Origins origins() {
        return origins;
    }

    /**
     * Takes an event read back from the log at start, before anything else happens: kept for
     * replay as it was, at its old keep time, and its stream moved to it. An event of an older
     * boot than the one tracked (this server's own from before a restart that began a new boot)
     * can no longer be replayed, so it is not kept.
     */
    void restore(Stamped s, long keptAt) {
        Origins.Origin st = origins.get(s.origin());
        if ((st != null && s.boot() < st.boot) || (st == origins.mine() && s.boot() != st.boot)) {
            return;
        }
        if (st == null || s.boot() > st.boot) {
            st = origins.restart(s.origin(), s.boot(), s.seq());
        }
        st.delivered = Math.max(st.delivered, s.seq());
        log.keep(s, keptAt);
    }

    /**
     * Sets an origin's stream where the log last said it stood, once every event is restored (a
     * position may stand behind an event, when an origin's own word corrected it). This server's
     * own stream moves only within the boot it runs.
     */
    void restore(Record.Position p) {
        Origins.Origin st = origins.get(p.origin());
        if (st == origins.mine()) {
            if (p.boot() == st.boot) {
                st.delivered = p.seq();
            }
        } else if (st == null || st.boot != p.boot() || st.delivered != p.seq()) {
            origins.restart(p.origin(), p.boot(), p.seq());
        }
    }

    /** Stamps a new event of this server's own, records it, and returns it. */
    Stamped stamp(Event event, long now) {
        Origins.Origin own = origins.mine();
        Stamped s = new Stamped(self, own.boot, ++own.delivered, now, event);
        keep(s, now);
        return s;
    }

    /**
     * Offers an event from a peer: returns what may be delivered now (nothing for a copy already
     * seen), or a resync for an event more than {@link #MAX_SEQ_JUMP} ahead of its stream.
     */
    Outcome accept(Stamped s, long now) {
        if (s.origin().equals(self)) {
            return Outcome.NONE;
        }
        Origins.Origin st = origins.get(s.origin());
        if (st == null) {
            st = origins.restart(s.origin(), s.boot(), s.seq() - 1);
        } else if (s.boot() < st.boot) {
            return Outcome.NONE;
        } else if (s.boot() > st.boot) {
            if (s.seq() > MAX_SEQ_JUMP) {
                return new Outcome(List.of(), 0, s.origin(), true);
            }
            st = origins.restart(s.origin(), s.boot(), 0);
        }
        if (s.seq() <= st.delivered || st.pending.containsKey(s.seq())) {
            return Outcome.NONE;
        }
        if (s.seq() - st.delivered > MAX_SEQ_JUMP) {
            return new Outcome(List.of(), 0, s.origin(), true);
        }
        if (s.seq() != st.delivered + 1) {
            if (st.pending.isEmpty()) {
                st.gapSince = now;
            }
            origins.hold(st, s, weigh(s));
            return relieve(st, now);
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
        for (Origins.Origin st : origins.all()) {
            if (!st.pending.isEmpty() && now - st.gapSince >= GAP_TIMEOUT_MS) {
                out.add(skipGap(st, now));
            }
        }
        return out;
    }

    /**
     * Gives up gaps of a stream that just held an event while all origins' gaps hold too many
     * bytes; the others' held bytes were within the cap before, so after this every origin's
     * together are again. (Their count needs no check here: see {@link #MAX_PENDING}.)
     */
    private Outcome relieve(Origins.Origin st, long now) {
        List<Stamped> out = new ArrayList<>();
        long lost = 0;
        while (!st.pending.isEmpty() && origins.pendingBytes() > MAX_PENDING_BYTES) {
            Outcome skipped = skipGap(st, now);
            out.addAll(skipped.deliver());
            lost += skipped.lost();
        }
        return out.isEmpty() && lost == 0 ? Outcome.NONE : new Outcome(out, lost, st.name);
    }

    private Outcome skipGap(Origins.Origin st, long now) {
        long first = st.pending.firstKey();
        long lost = first - st.delivered - 1;
        st.delivered = first - 1;
        List<Stamped> out = new ArrayList<>();
        drain(st, out, now);
        return new Outcome(out, lost, st.name);
    }

    private void drain(Origins.Origin st, List<Stamped> out, long now) {
        Stamped next;
        while ((next = st.pending.remove(st.delivered + 1)) != null) {
            origins.unheld(st, weigh(next));
            st.delivered = next.seq();
            keep(next, now);
            out.add(next);
        }
        st.gapSince = now;
    }

    /**
     * Moves an origin's position to (boot, seq) if that is ahead of what this server knows. The
     * outcome holds the held events this releases and, on the same boot, how many events before
     * seq were never delivered here. Events up to seq are then treated as seen.
     */
    Outcome adopt(String origin, long originBoot, long seq, long now) {
        Origins.Origin st = origins.get(origin);
        if (origin.equals(self) || (st != null && (originBoot < st.boot || (originBoot == st.boot && seq <= st.delivered)))) {
            return Outcome.NONE;
        }
        long missed = st != null && originBoot == st.boot ? seq - st.delivered : 0;
        if (st == null || originBoot > st.boot) {
            st = origins.restart(origin, originBoot, seq);
        }
        st.delivered = seq;
        for (var passed = st.pending.headMap(seq, true).values().iterator(); passed.hasNext(); ) {
            origins.unheld(st, weigh(passed.next()));
            passed.remove();
        }
        journal.position(origin, originBoot, seq);
        List<Stamped> out = new ArrayList<>();
        drain(st, out, now);
        return new Outcome(out, missed, origin);
    }

    /**
     * Takes an origin's own word, over its direct link, for where it is: if this server tracks a
     * boot of it other than the one it runs (a newer one that only a third party can have made
     * up), or a position further ahead of it than {@link #MAX_SEQ_JUMP} (more than events in
     * flight on other paths can explain), the stream restarts at (boot, seq). True if it did.
     */
    boolean correct(String origin, long originBoot, long seq) {
        Origins.Origin st = origins.get(origin);
        boolean poisoned = st != null && !origin.equals(self)
                && (st.boot > originBoot || (st.boot == originBoot && st.delivered - seq > MAX_SEQ_JUMP));
        if (poisoned) {
            origins.restart(origin, originBoot, seq);
            journal.position(origin, originBoot, seq);
        }
        return poisoned;
    }

    /**
     * The kept events of (origin, boot) after {@code after}, in order, and how many events after
     * {@code after} are no longer kept (they came before the oldest kept one).
     */
    Replay replay(String origin, long originBoot, long after) {
        List<Stamped> events = log.after(origin, originBoot, after);
        long firstKept = events.isEmpty() ? origins.deliveredOf(origin) + 1 : events.getFirst().seq();
        return new Replay(events, Math.max(0, firstKept - after - 1));
    }

    /** Kept events to send a peer, and how many it missed that were no longer kept. */
    record Replay(List<Stamped> events, long lost) {}

    /** Number of events in the replay log now. */
    int retained() {
        return log.size();
    }

    /** Bytes the replay log holds now, as {@link #weigh} counts them. */
    long retainedBytes() {
        return log.bytes();
    }

    /** The frame that carries {@code s} to a link: see {@link ReplayLog#carryFrame}. */
    byte[] carryFrame(Stamped s) {
        return log.carryFrame(s);
    }

    /**
     * Keeps {@code s} for replay and hands it to the journal. With links, the frame that carries
     * it to them is made here, once, and the record takes its bytes; without, the journal encodes
     * the record itself: a frame would stay in the replay log with the event, unused.
     */
    private void keep(Stamped s, long now) {
        log.keep(s, now);
        journal.keep(s, now, journal == Journal.NONE || !linked.getAsBoolean() ? null : log.carryFrame(s));
    }

    /**
     * What an event costs in memory, counted high: two bytes a character (Java keeps text in
     * Latin-1 when it can, in UTF-16 otherwise) plus the objects around it.
     */
    static long weigh(Stamped s) {
        long chars = s.origin().length() + switch (s.event()) {
            case Event.Said e -> e.nick().length() + e.text().length();
            case Event.Acted e -> e.nick().length() + e.action().length();
            case Event.Whispered e -> e.from().length() + e.to().length() + e.server().length() + e.text().length();
            case Event.Joined e -> e.nick().length();
            case Event.Left e -> e.nick().length() + e.reason().length();
            case Event.Renamed e -> e.from().length() + e.to().length();
            case Event.Links e -> e.peers().stream().mapToLong(p -> p.length() + 16).sum();
        };
        return EVENT_OVERHEAD_BYTES + 2 * chars;
    }
}
