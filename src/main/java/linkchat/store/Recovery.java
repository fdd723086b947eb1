package linkchat.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a log directory at start, oldest segment first, handing every record on in order. Any
 * segment may end in the zeros it was made with (its server was killed before it cut them), which
 * are trimmed without a word, and newest segments of nothing but zeros (made ahead of a roll) removed. Only the newest segment
 * may end in damage (older ones were synced before the next was begun): its
 * torn tail is cut off with a warning, while damage anywhere else, a gap in the segments' numbers,
 * a header that is not this build's, or a record whose checksum holds but cannot be read stops
 * with a {@link StoreException}, never an empty start. Runs once, on the opening thread.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /** The segments as read, the newest last (a torn newest one removed), and the positions and counts they hold. */
    record Result(List<Segment> segments, Checkpoint checkpoint, Recovered summary) {}

    private final Path dir;
    private final Consumer<Record> sink;
    private final Checkpoint checkpoint;
    private long events;
    private long cutBytes;

    private Recovery(Path dir, String self, Consumer<Record> sink) {
        this.dir = dir;
        this.sink = sink;
        this.checkpoint = new Checkpoint(self);
    }

    /** Reads {@code dir}'s segments, giving each record to {@code sink}, and cuts off a torn tail; {@code self} names this server. */
    static Result run(Path dir, String self, Consumer<Record> sink) throws IOException {
        return new Recovery(dir, self, sink).readAll();
    }

    private Result readAll() throws IOException {
        List<Segment> segments = list();
        // Files made ahead of a roll and never begun are zeros alone: not segments, and never what a tail is judged by.
        while (!segments.isEmpty() && blank(segments.getLast().path)) {
            Files.delete(segments.removeLast().path);
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean newest = i == segments.size() - 1;
            if (!read(segment, newest)) {
                segments.remove(i);
            }
        }
        long newest = segments.stream().mapToLong(s -> s.newest).max().orElse(Long.MIN_VALUE);
        Recovered summary = new Recovered(checkpoint.positions(), checkpoint.own().orElse(null), events, newest,
                cutBytes, segments.size());
        return new Result(segments, checkpoint, summary);
    }

    /** The directory's segments by number, which must run without a gap. */
    private List<Segment> list() throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                OptionalLong n = Segment.number(p.getFileName().toString());
                if (n.isPresent()) {
                    segments.add(new Segment(dir, n.getAsLong()));
                }
            }
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).number != segments.get(i - 1).number + 1) {
                throw new StoreException("the log in " + dir + " has a gap: " + segments.get(i - 1) + " is followed by "
                        + segments.get(i) + "; a segment was removed by hand, and what it held is lost");
            }
        }
        return segments;
    }

    /** Reads one segment; false if it was the newest and held not even a whole header, and is gone. */
    private boolean read(Segment segment, boolean newest) throws IOException {
        long size = Files.size(segment.path);
        try (SegmentReader reader = new SegmentReader(segment)) {
            if (!reader.headerRead()) {
                if (newest && reader.tornHeader()) {
                    cut(segment, size, 0, reader.damage());
                    Files.delete(segment.path);
                    return false;
                }
                throw new StoreException(segment.path + " cannot be read: " + reader.damage());
            }
            segment.bytes = Segment.HEADER_BYTES;
            long at = reader.validBytes();
            for (Record r = reader.next(); r != null; r = reader.next()) {
                take(segment, r, (int) (reader.validBytes() - at));
                at = reader.validBytes();
            }
            if (reader.blankTail()) {
                truncate(segment, reader.validBytes()); // zeros never used: nothing was lost, so nothing is said
            } else if (reader.damage() != null) {
                if (!newest) {
                    throw new StoreException(segment.path + " is damaged at byte " + reader.validBytes() + " ("
                            + reader.damage() + ") though it is not the newest segment; move it and those after it away to start without them");
                }
                cut(segment, size, reader.validBytes(), reader.damage());
            }
            return true;
        }
    }

    /** True if {@code file} holds nothing but zeros, or nothing. */
    private static boolean blank(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Segment.zerosToEnd(in);
        }
    }

    private void take(Segment segment, Record r, int size) throws StoreException {
        if (!checkpoint.apply(r)) {
            throw new StoreException(segment.path + " names more than " + Positions.MAX_ORIGINS + " origins");
        }
        segment.count(r, size);
        switch (r) {
            case Record.Kept k -> events++;
            case Record.Position p -> { }
            case Record.State st -> { }
        }
        sink.accept(r);
    }

    /** Cuts the newest segment back to its last whole record, saying what was lost. */
    private void cut(Segment segment, long size, long keep, String why) throws IOException {
        cutBytes += size - keep;
        LOG.log(Level.WARNING, "{0}: cut {1,number,#} bytes off its end, where {2} (a write torn by a crash or power loss)",
                segment.path, size - keep, why);
        truncate(segment, keep);
    }

    private static void truncate(Segment segment, long keep) throws IOException {
        try (FileChannel ch = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            ch.force(true);
        }
    }
}
