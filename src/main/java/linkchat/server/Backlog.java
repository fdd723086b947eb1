package linkchat.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;

import linkchat.wire.Event;
import linkchat.wire.Frames;
import linkchat.wire.Stamped;

/**
 * The last chat lines of the conversation, shown to each client as it joins, each marked
 * {@code * history TIME line} with the origin's time (UTC, to the second). Not thread-safe: the
 * {@link Hub} calls it under its lock.
 */
final class Backlog {
    private final int capacity;
    private final ArrayDeque<Stamped> lines;

    Backlog(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    /** Keeps {@code s} if it is a chat line or an action, dropping the oldest past capacity. */
    void add(Stamped s) {
        if (capacity == 0 || !(s.event() instanceof Event.Said || s.event() instanceof Event.Acted)) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(s);
    }

    /** Sends every kept line to {@code member}, oldest first. */
    void replayTo(Member member) {
        for (Stamped s : lines) {
            Instant at = Instant.ofEpochMilli(s.time()).truncatedTo(ChronoUnit.SECONDS);
            member.outbox.offer(Frames.encode("* history " + at + " " + s.event().line()));
        }
    }
}
