package linkchat.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;

import linkchat.wire.Event;
import linkchat.wire.Frames;
import linkchat.wire.Stamped;

/**
 * The last chat lines of the conversation, shown to each client as it joins, each marked
 * {@code * history TIME line} with the origin's time (UTC, to the second). Each line is encoded
 * once, for the first joiner that is shown it, and the same frame goes to every later one, so a
 * crowd joining costs no copy of it. Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class Backlog {
    /**
     * Bytes of history kept, whatever the line count asks for: a thousand lines of 64 KB would
     * otherwise be 64 MB, and joiners that never read would each be queued all of it.
     */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** A kept line, and its frame once a joiner needed it. */
    private static final class Line {
        final Stamped stamped;
        final long bytes;
        byte[] frame;

        Line(Stamped stamped) {
            this.stamped = stamped;
            this.bytes = Ledger.weigh(stamped);
        }

        byte[] frame() {
            if (frame == null) {
                Instant at = Instant.ofEpochMilli(stamped.time()).truncatedTo(ChronoUnit.SECONDS);
                frame = Frames.encode("* history " + at + " " + stamped.event().line());
            }
            return frame;
        }
    }

    private final int capacity;
    private final ArrayDeque<Line> lines;
    private long bytes;

    Backlog(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    /** Keeps {@code s} if it is a chat line or an action, dropping the oldest past the line or byte cap. */
    void add(Stamped s) {
        if (capacity == 0 || !(s.event() instanceof Event.Said || s.event() instanceof Event.Acted)) {
            return;
        }
        Line line = new Line(s);
        lines.addLast(line);
        bytes += line.bytes;
        while (lines.size() > capacity || (bytes > MAX_BYTES && lines.size() > 1)) {
            bytes -= lines.removeFirst().bytes;
        }
    }

    /** Sends every kept line to {@code member}, oldest first. */
    void replayTo(Member member) {
        for (Line line : lines) {
            member.outbox.offer(line.frame());
        }
    }

    /** Bytes the kept lines hold, as {@link Ledger#weigh} counts them (their frames, once made, about as much again). */
    long bytes() {
        return bytes;
    }
}
