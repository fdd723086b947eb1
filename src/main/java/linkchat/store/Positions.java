package linkchat.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import linkchat.wire.Stamped;

/**
 * Where each origin's stream stands, as the log's records say: an event moves its origin
 * forward (a newer boot, or a later seq on the same boot), a {@link Record.Position} sets it as
 * given. Each new segment opens with all of them, so deleting old segments loses no position.
 * Not thread-safe: recovery, then the log's appends (under its lock), own it.
 */
final class Positions {
    /**
     * Origins tracked: the ledger refuses more (its MAX_ORIGINS), so a log with more is damaged;
     * bounds the checkpoint at the head of every segment (about 100 bytes an origin).
     */
    static final int MAX_ORIGINS = 4_096;

    /** Each origin's stand, moved in place: an event moves one for every record, and makes nothing new. */
    private final Map<String, Stand> byOrigin = new LinkedHashMap<>();

    private static final class Stand {
        long boot;
        long seq;

        Stand(long boot, long seq) {
            this.boot = boot;
            this.seq = seq;
        }
    }

    /** Takes what a record says of its origin's position; false if it names an origin past {@link #MAX_ORIGINS}. */
    boolean apply(Record record) {
        return switch (record) {
            case Record.Kept k -> advance(k.stamped());
            case Record.Position p -> put(p.origin(), p.boot(), p.seq());
            case Record.State st -> true;
        };
    }

    private boolean advance(Stamped s) {
        Stand now = byOrigin.get(s.origin());
        if (now == null) {
            return put(s.origin(), s.boot(), s.seq());
        }
        if (s.boot() > now.boot || (s.boot() == now.boot && s.seq() > now.seq)) {
            now.boot = s.boot();
            now.seq = s.seq();
        }
        return true;
    }

    private boolean put(String origin, long boot, long seq) {
        Stand now = byOrigin.get(origin);
        if (now != null) {
            now.boot = boot;
            now.seq = seq;
            return true;
        }
        if (byOrigin.size() >= MAX_ORIGINS) {
            return false;
        }
        byOrigin.put(origin, new Stand(boot, seq));
        return true;
    }

    /** Every origin's position, in the order they were first heard of. */
    List<Record.Position> all() {
        List<Record.Position> out = new ArrayList<>(byOrigin.size());
        byOrigin.forEach((origin, at) -> out.add(new Record.Position(origin, at.boot, at.seq)));
        return out;
    }

    /** A copy, by origin. */
    Map<String, Record.Position> snapshot() {
        Map<String, Record.Position> out = new LinkedHashMap<>();
        byOrigin.forEach((origin, at) -> out.put(origin, new Record.Position(origin, at.boot, at.seq)));
        return Map.copyOf(out);
    }
}
