package linkchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final long NOW = 1_000_000;

    /** Segments of 10 events (of which {@code lines} chat lines) and 1,000 bytes, the first kept at {@code first}, each 1 s newer. */
    private static List<Segment> segments(int count, long first, int lines) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Segment s = new Segment(Path.of("log"), i + 1);
            s.events = 10;
            s.lines = lines;
            s.bytes = 1_000;
            s.newest = first + 1_000L * i;
            out.add(s);
        }
        return out;
    }

    private static List<Long> numbers(List<Segment> segments) {
        return segments.stream().map(s -> s.number).toList();
    }

    @Test
    void oldSegmentsGoWhileTheRestHoldTheEventWindow() {
        Retention r = new Retention(25, 60_000, 0, 1_000, 1 << 20);
        assertEquals(List.of(1L, 2L, 3L), numbers(r.expired(segments(6, 0, 0), NOW)), "the last 30 events hold 25");
    }

    @Test
    void eventsInsideTheTimeWindowStayWhateverTheirCount() {
        Retention r = new Retention(5, 60_000, 0, 1_000, 1 << 20);
        assertEquals(List.of(1L, 2L), numbers(r.expired(segments(6, NOW - 61_500, 0), NOW)), "only what is a minute old");
    }

    @Test
    void theEventCapWinsOverTheTimeWindowAndTheLines() {
        Retention r = new Retention(5, 60_000, 1_000, 30, 1 << 20);
        assertEquals(List.of(1L, 2L, 3L), numbers(r.expired(segments(6, NOW, 1), NOW)), "30 events are enough");
    }

    @Test
    void theByteCapWinsOverEverything() {
        Retention r = new Retention(1_000, Long.MAX_VALUE / 4, 1_000, 1_000, 2_500);
        assertEquals(List.of(1L, 2L, 3L), numbers(r.expired(segments(5, NOW, 5), NOW)));
    }

    @Test
    void theBacklogsLinesAreKeptToo() {
        Retention r = new Retention(10, 0, 7, 1_000, 1 << 20);
        assertEquals(List.of(1L, 2L, 3L), numbers(r.expired(segments(5, 0, 4), NOW)), "8 lines in the last two hold 7");
    }

    @Test
    void theSegmentBeingWrittenNeverGoesAndEmptyOnesGoFirst() {
        Retention r = new Retention(0, 0, 0, 0, 1);
        assertEquals(List.of(1L, 2L), numbers(r.expired(segments(3, 0, 0), NOW)));
        List<Segment> empty = segments(2, 0, 0);
        empty.getFirst().events = 0;
        empty.getFirst().newest = Long.MIN_VALUE;
        assertEquals(List.of(1L), numbers(new Retention(10, 60_000, 0, 100, 1 << 20).expired(empty, NOW)));
    }

    @Test
    void refusesCapsBelowTheWindows() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(10, 0, 0, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> new Retention(-1, 0, 0, 9, 1));
    }
}
