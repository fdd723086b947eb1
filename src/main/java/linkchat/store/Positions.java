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
 * Not thread-safe: recovery, then the writer thread, own it.
 */
final class Positions {
    /**
     * Origins tracked: the ledger refuses more (its MAX_ORIGINS), so a log with more is damaged;
     * bounds the checkpoint at the head of every segment (about 100 bytes an origin).
     */
    static final int MAX_ORIGINS = 4_096;

    private final Map<String, Record.Position> byOrigin = new LinkedHashMap<>();

    /** Takes what a record says of its origin's position; false if it names an origin past {@link #MAX_ORIGINS}. */
    boolean apply(Record record) {
        return switch (record) {
            case Record.Kept k -> advance(k.stamped());
            case Record.Position p -> put(p);
            case Record.State st -> true;
        };
    }

    private boolean advance(Stamped s) {
        Record.Position now = byOrigin.get(s.origin());
        boolean ahead = now == null || s.boot() > now.boot() || (s.boot() == now.boot() && s.seq() > now.seq());
        return !ahead || put(new Record.Position(s.origin(), s.boot(), s.seq()));
    }

    private boolean put(Record.Position p) {
        if (!byOrigin.containsKey(p.origin()) && byOrigin.size() >= MAX_ORIGINS) {
            return false;
        }
        byOrigin.put(p.origin(), p);
        return true;
    }

    /** Every origin's position, in the order they were first heard of. */
    List<Record.Position> all() {
        return new ArrayList<>(byOrigin.values());
    }

    /** A copy, by origin. */
    Map<String, Record.Position> snapshot() {
        return Map.copyOf(byOrigin);
    }
}
