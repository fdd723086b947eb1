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
 * once, as it is kept, and the same frame goes to every joiner, so a crowd joining costs no copy
 * of it. Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class Backlog {
    /**
     * Bytes of history kept, whatever the line count asks for: a thousand lines of 64 KB would
     * otherwise be 64 MB, and joiners that never read would each be queued all of it.
     */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final int capacity;
    private final ArrayDeque<byte[]> frames;
    private long bytes;

    Backlog(int capacity) {
        this.capacity = capacity;
        this.frames = new ArrayDeque<>(capacity);
    }

    /** Keeps {@code s} if it is a chat line or an action, dropping the oldest past the line or byte cap. */
    void add(Stamped s) {
        if (capacity == 0 || !(s.event() instanceof Event.Said || s.event() instanceof Event.Acted)) {
            return;
        }
        Instant at = Instant.ofEpochMilli(s.time()).truncatedTo(ChronoUnit.SECONDS);
        byte[] frame = Frames.encode("* history " + at + " " + s.event().line());
        frames.addLast(frame);
        bytes += frame.length;
        while (frames.size() > capacity || (bytes > MAX_BYTES && frames.size() > 1)) {
            bytes -= frames.removeFirst().length;
        }
    }

    /** Sends every kept line to {@code member}, oldest first. */
    void replayTo(Member member) {
        for (byte[] frame : frames) {
            member.outbox.offer(frame);
        }
    }

    /** Bytes of the frames kept now. */
    long bytes() {
        return bytes;
    }
}
