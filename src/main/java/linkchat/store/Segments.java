package linkchat.store;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log's segment files: the newest is written, rolled once it reaches its size, and older
 * ones deleted as the {@link Retention} allows. Each new segment opens with a
 * {@link Checkpoint}, so deleting the old ones loses no position, nor this server's own users. Only the writer thread calls {@link #write};
 * the sync thread calls {@link #sync}, which a roll excludes.
 */
final class Segments implements Closeable {
    private static final System.Logger LOG = System.getLogger(Segments.class.getName());

    /** The writer's buffer: one write carries this many bytes of records; a longer record goes in a write of its own. */
    static final int BUFFER_BYTES = 1024 * 1024;

    private final Path dir;
    private final long segmentBytes;
    private final Retention retention;
    private final Checkpoint checkpoint;
    private final List<Segment> segments;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** Held by a sync, and by a roll while it swaps the file written. */
    private final ReentrantLock swap = new ReentrantLock();
    /** Writes made, counted after each; a sync covers every write counted before it began. */
    private final AtomicLong writes = new AtomicLong();
    /** The count of writes the last sync covered; under {@code swap}. */
    private long synced;
    private FileChannel active;
    /**
     * Bytes of the active segment's header and checkpoint: the segment size counts what follows
     * them, so a checkpoint of many users cannot make every record roll, and a segment holding
     * nothing more is never rolled.
     */
    private long opening;

    private Segments(Path dir, Recovery.Result recovered, long segmentBytes, Retention retention) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.retention = retention;
        this.checkpoint = recovered.checkpoint();
        this.segments = new ArrayList<>(recovered.segments());
    }

    /** Continues the newest recovered segment, or begins the first. */
    static Segments open(Path dir, Recovery.Result recovered, long segmentBytes, Retention retention) throws IOException {
        Segments s = new Segments(dir, recovered, segmentBytes, retention);
        if (s.segments.isEmpty()) {
            s.begin(new Segment(dir, 1));
            s.syncDirectory();
        } else {
            s.active = FileChannel.open(s.current().path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            s.opening = Segment.HEADER_BYTES;
        }
        return s;
    }

    /** Writes a batch of records in order, rolling to a new segment where the current one is full. */
    void write(List<RecordCodec.Encoded> batch) throws IOException {
        for (RecordCodec.Encoded e : batch) {
            int size = e.bytes().length;
            if (current().bytes - opening + size > segmentBytes && current().bytes > opening) {
                roll();
            }
            put(e);
        }
        flush();
    }

    /** Forces what was written since the last sync to disk. */
    void sync() throws IOException {
        swap.lock();
        try {
            long upTo = writes.get();
            if (active != null && upTo != synced) {
                active.force(false);
                synced = upTo;
            }
        } finally {
            swap.unlock();
        }
    }

    private void put(RecordCodec.Encoded e) throws IOException {
        if (buffer.remaining() < e.bytes().length) {
            flush();
        }
        if (e.bytes().length > BUFFER_BYTES) {
            writeFully(ByteBuffer.wrap(e.bytes()));
        } else {
            buffer.put(e.bytes());
        }
        current().count(e.record(), e.bytes().length);
        // An origin past the cap is one the ledger refused already: it has no position to keep.
        checkpoint.apply(e.record());
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            active.write(b);
        }
        writes.incrementAndGet();
    }

    /** Ends the current segment, synced, and begins the next; then deletes what the retention lets go. */
    private void roll() throws IOException {
        flush();
        Segment next = new Segment(dir, current().number + 1);
        swap.lock();
        try {
            active.force(false);
            active.close();
            active = null;
            begin(next);
        } finally {
            swap.unlock();
        }
        syncDirectory();
        deleteExpired();
    }

    /** Creates {@code next}, writes its header and the checkpoint, and makes it the segment written. */
    private void begin(Segment next) throws IOException {
        active = FileChannel.open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.add(next);
        buffer.put(Segment.header(next.number, System.currentTimeMillis()));
        next.bytes = Segment.HEADER_BYTES;
        for (Record r : checkpoint.records()) {
            put(RecordCodec.encode(r, null));
        }
        flush();
        opening = next.bytes;
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

    /** Makes a new segment's name durable: without it a power loss may forget the file, synced or not. */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private Segment current() {
        return segments.getLast();
    }

    /** The segments now, oldest first: for tests and for what the log reports. */
    List<Segment> list() {
        return List.copyOf(segments);
    }

    /** Syncs and closes the segment being written. Called once the writer thread has stopped. */
    @Override
    public void close() throws IOException {
        swap.lock();
        try {
            if (active != null) {
                if (writes.get() != synced) {
                    active.force(true);
                }
                active.close();
                active = null;
            }
        } finally {
            swap.unlock();
        }
    }
}
