package linkchat.store;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of the log is kept, as the replay log and the backlog keep it: at least
 * {@code keepEvents} events or {@code keepMillis} of them, whichever is more, and at least
 * {@code keepLines} chat lines, never past {@code maxEvents} events or {@code maxBytes} of
 * segments (the caps win over the windows, the backlog's lines too). The log deletes whole segments, oldest first, so it holds up to one segment beyond
 * what the windows ask. Immutable.
 */
public record Retention(int keepEvents, long keepMillis, int keepLines, int maxEvents, long maxBytes) {
    /** Refuses negative windows, and caps below the windows. */
    public Retention {
        if (keepEvents < 0 || keepMillis < 0 || keepLines < 0 || maxEvents < keepEvents || maxBytes <= 0) {
            throw new IllegalArgumentException("not a retention: " + keepEvents + " events, " + keepMillis + " ms, "
                    + keepLines + " lines, at most " + maxEvents + " events and " + maxBytes + " bytes");
        }
    }

    /**
     * The segments that may go, oldest first, of {@code segments} (oldest first; the last, being
     * written, never goes). One goes when those after it still hold the windows and its own
     * events are older than {@code keepMillis}, when those after it hold {@code maxEvents}
     * events, or when all together pass {@code maxBytes}.
     */
    List<Segment> expired(List<Segment> segments, long now) {
        long events = 0;
        long lines = 0;
        long bytes = 0;
        for (Segment s : segments) {
            events += s.events;
            lines += s.lines;
            bytes += s.bytes;
        }
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments.subList(0, Math.max(0, segments.size() - 1))) {
            long after = events - s.events;
            boolean old = s.newest == Long.MIN_VALUE || now - s.newest >= keepMillis;
            boolean windowsHeld = after >= keepEvents && lines - s.lines >= keepLines && old;
            if (!windowsHeld && after < maxEvents && bytes <= maxBytes) {
                break;
            }
            out.add(s);
            events = after;
            lines -= s.lines;
            bytes -= s.bytes;
        }
        return out;
    }
}
