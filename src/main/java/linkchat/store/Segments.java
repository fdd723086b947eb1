package linkchat.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log's segment files: the newest is written, rolled once it reaches its size, and older
 * ones deleted as the {@link Retention} allows. Each new segment opens with a
 * {@link Checkpoint}, so deleting the old ones loses no position, nor this server's own users.
 *
 * <p>The segment written is mapped into memory, its whole size given zeros on disk before it is
 * mapped, by {@link NextSegment} ahead of the roll that begins it: an append copies its record into the mapping, which is the operating system's page
 * cache itself, so a record is as safe from a process crash (SIGKILL included) the moment the
 * copy ends as a {@code write} would make it, with no system call and nothing to wait for. The
 * sync thread forces the mapping to disk; a roll forces the old segment before the next one
 * begins, so only the newest can hold what a power loss tore. A segment is cut back to what it
 * holds when it is rolled or closed; a process killed leaves the zeros after its last record,
 * which {@link Recovery} takes for the end and trims.
 *
 * <p>Thread-safe: appends and rolls hold one lock, briefly (a roll, once a segment's size, holds
 * it for a sync of what the last period wrote); a sync holds another, which a roll takes while it
 * swaps the mapping.
 */
final class Segments implements Closeable {
    private static final System.Logger LOG = System.getLogger(Segments.class.getName());

    private final Path dir;
    private final long segmentBytes;
    private final Retention retention;
    private final Checkpoint checkpoint;
    private final List<Segment> segments;
    /** Held by an append, and a roll. */
    private final ReentrantLock append = new ReentrantLock();
    /** Held by a sync, and by a roll or close while it swaps or drops the mapping. */
    private final ReentrantLock swap = new ReentrantLock();
    /** Records put into the mapping so far, a segment's opening ones included; written under {@code append}. */
    private volatile long written;
    /** The count of records the last sync covered; under {@code swap}. */
    private long synced;
    /** Bytes of the segment written that hold its header and records: what a sync forces; written under {@code append}. */
    private volatile long used;
    private FileChannel channel;
    private Arena arena;
    /** The segment written, mapped; null once closed. */
    private MemorySegment mapped;
    /**
     * Bytes of the active segment's header and checkpoint: the segment size counts what follows
     * them, so a checkpoint of many users cannot make every record roll, and a segment holding
     * nothing more is never rolled.
     */
    private long opening;

    /** Makes the next segment's file ahead of its roll. */
    private final NextSegment next;

    private Segments(Path dir, Recovery.Result recovered, long segmentBytes, Retention retention) {
        this.next = new NextSegment(dir);
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.retention = retention;
        this.checkpoint = recovered.checkpoint();
        this.segments = new ArrayList<>(recovered.segments());
    }

    /** Continues the newest recovered segment, or begins the first. */
    static Segments open(Path dir, Recovery.Result recovered, long segmentBytes, Retention retention) throws IOException {
        Segments s = new Segments(dir, recovered, segmentBytes, retention);
        try {
            if (s.segments.isEmpty()) {
                s.begin(new Segment(dir, 1), 0);
            } else {
                Segment current = s.current();
                s.opening = Segment.HEADER_BYTES;
                s.used = current.bytes;
                s.install(NextSegment.make(current.number, FileChannel.open(current.path, StandardOpenOption.READ,
                        StandardOpenOption.WRITE), current.bytes, Math.max(current.bytes, s.opening + segmentBytes)));
            }
        } catch (IOException | RuntimeException e) {
            s.next.close();
            throw e;
        }
        s.wantNext();
        return s;
    }

    /**
     * Puts a record into the log, rolling to a new segment first if the current one is full, and
     * returns how many records the log took so far. Throws if the log is closed.
     */
    long append(RecordCodec.Encoded e) throws IOException {
        append.lock();
        try {
            if (mapped == null) {
                throw new IllegalStateException("the log in " + dir + " is closed");
            }
            int size = e.bytes().length;
            Segment current = current();
            boolean full = current.bytes - opening + size > segmentBytes && current.bytes > opening;
            if (full || current.bytes + size > mapped.byteSize()) {
                roll(size);
            }
            put(e);
            return written;
        } finally {
            append.unlock();
        }
    }

    /** Records put into the log so far: what a {@link #sync} begun now covers. */
    long written() {
        return written;
    }

    /** Forces what was put since the last sync to disk; returns the count of records now synced. */
    long sync() throws IOException {
        swap.lock();
        try {
            long upTo = written; // read first: the records it counts are within the bytes read next
            if (mapped != null && upTo != synced) {
                force(used);
                synced = upTo;
            }
            return synced;
        } finally {
            swap.unlock();
        }
    }

    /** Under {@code append}: copies a record into the mapping and counts it. */
    private void put(RecordCodec.Encoded e) {
        byte[] bytes = e.bytes();
        Segment current = current();
        MemorySegment.copy(bytes, 0, mapped, ValueLayout.JAVA_BYTE, current.bytes, bytes.length);
        current.count(e.record(), bytes.length);
        // An origin past the cap is one the ledger refused already: it has no position to keep.
        checkpoint.apply(e.record());
        used = current.bytes;
        written = written + 1;
    }

    /**
     * Ends the current segment, synced and cut to what it holds, and begins the next with room
     * for {@code need} bytes; then deletes what the retention lets go, and asks for the one after.
     */
    private void roll(int need) throws IOException {
        Segment following = new Segment(dir, current().number + 1);
        swap.lock();
        try {
            force(current().bytes);
            synced = written;
            unmap(false);
            begin(following, need);
        } finally {
            swap.unlock();
        }
        deleteExpired();
        wantNext();
    }

    /** Asks for the segment after the current one to be made ahead, with room for an opening like this one's: a longer one makes it longer. */
    private void wantNext() {
        next.want(current().number + 1, opening + segmentBytes);
    }

    /** Creates {@code next} with room for its header, the checkpoint and {@code need} more bytes, puts them in and makes it the segment written. */
    private void begin(Segment next, int need) throws IOException {
        List<RecordCodec.Encoded> opens = checkpoint.records().stream().map(r -> RecordCodec.encode(r, null)).toList();
        long openBytes = Segment.HEADER_BYTES;
        for (RecordCodec.Encoded e : opens) {
            openBytes += e.bytes().length;
        }
        install(this.next.take(next.number, openBytes + Math.max(segmentBytes, need)));
        segments.add(next);
        MemorySegment.copy(Segment.header(next.number, System.currentTimeMillis()), 0, mapped, ValueLayout.JAVA_BYTE, 0,
                Segment.HEADER_BYTES);
        next.bytes = Segment.HEADER_BYTES;
        used = next.bytes;
        for (RecordCodec.Encoded e : opens) {
            put(e);
        }
        opening = next.bytes;
    }

    /** Makes {@code m} the segment written. */
    private void install(NextSegment.Mapping m) {
        channel = m.channel();
        arena = m.arena();
        mapped = m.mapped();
    }

    /**
     * Forces the mapping's first {@code bytes} to disk; under {@code swap}. Only those: the zeros
     * after them are dirty too, since they were written to make the file, and would be written to
     * disk twice if forced now and overwritten later. The kernel writes them in its own time, or
     * they are cut off unwritten when the segment is.
     */
    private void force(long bytes) throws IOException {
        try {
            mapped.asSlice(0, bytes).force();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Drops the mapping, forced already, and cuts the file back to what it holds, the cut synced
     * if {@code syncCut}: a cut a power loss forgets leaves zeros that recovery trims. Under {@code swap}.
     */
    private void unmap(boolean syncCut) throws IOException {
        arena.close();
        arena = null;
        mapped = null;
        try (FileChannel ch = channel) {
            channel = null;
            ch.truncate(current().bytes);
            if (syncCut) {
                ch.force(true);
            }
        }
    }

    private void deleteExpired() {
        for (Segment old : retention.expired(segments, System.currentTimeMillis())) {
            try {
                Files.deleteIfExists(old.path);
                segments.remove(old);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete " + old.path + "; the next roll tries again", e);
                return;
            }
        }
    }

    private Segment current() {
        return segments.getLast();
    }

    /** The segments now, oldest first: for tests and for what the log reports. */
    List<Segment> list() {
        append.lock();
        try {
            return List.copyOf(segments);
        } finally {
            append.unlock();
        }
    }

    /** Syncs the segment being written, cuts it to what it holds and closes it; later appends throw. */
    @Override
    public void close() throws IOException {
        append.lock();
        swap.lock();
        try {
            if (mapped == null) {
                return;
            }
            if (written != synced) {
                force(current().bytes);
            }
            unmap(true);
        } finally {
            swap.unlock();
            append.unlock();
            next.close();
        }
    }
}
