package linkchat.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the log's next segment file ahead of the roll that needs it, on a thread of its own:
 * the file created, given its size in zeros (the disk space taken, so a full disk is an error
 * here, not a fault in a later copy), mapped, and its name synced into the directory. A roll
 * runs under the hub's lock; this way it only takes a file that is ready, and the appenders
 * never wait for those writes. A file made and never begun is zeros alone, which
 * {@link Recovery} removes without a word should the server die first.
 *
 * <p>Thread-safe. A file that cannot be made ahead is made by the roll itself, so the error,
 * if it stays, reaches the appender and fails the log.
 */
final class NextSegment implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NextSegment.class.getName());

    /** Zeros written in one go to give a segment its size. */
    private static final int FILL_BYTES = 64 * 1024;

    /** A segment's file, open and mapped, {@code capacity} bytes long. */
    record Mapping(long number, FileChannel channel, Arena arena, MemorySegment mapped) {
        long capacity() {
            return mapped.byteSize();
        }

        /** Drops the mapping and closes the file. */
        void close() throws IOException {
            arena.close();
            channel.close();
        }
    }

    private final Path dir;
    /** Held while a file is made, by this thread or a roll: one at a time, never two of one name. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    private final Thread maker;
    /** Under the lock: the file made ahead, if any; the one to make next (0: none), and its size. */
    private Mapping ready;
    private long number;
    private long capacity;
    private boolean closing;

    /** Starts the thread that makes {@code dir}'s next segment files when asked. */
    NextSegment(Path dir) {
        this.dir = dir;
        this.maker = Thread.ofPlatform().daemon().name("linkchat-store-next").start(this::run);
    }

    /** Asks for segment {@code number}, {@code capacity} bytes, to be made ahead. */
    void want(long number, long capacity) {
        lock.lock();
        try {
            this.number = number;
            this.capacity = capacity;
            wanted.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Segment {@code number}, mapped with at least {@code capacity} bytes: the one made ahead
     * (waiting for it if it is being made, and made longer if it is short), else made now.
     * Throws if it cannot be made.
     */
    Mapping take(long number, long capacity) throws IOException {
        lock.lock();
        try {
            Mapping m = ready;
            ready = null;
            this.number = 0;
            if (m == null || m.number() != number) {
                if (m != null) {
                    discard(m);
                }
                return create(number, capacity);
            }
            if (m.capacity() >= capacity) {
                return m;
            }
            long had = m.capacity();
            m.arena().close();
            return make(number, m.channel(), had, capacity);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives {@code ch}'s file zeros from {@code from} to {@code capacity} bytes and maps it as
     * segment {@code number}; closes {@code ch} if it cannot.
     */
    static Mapping make(long number, FileChannel ch, long from, long capacity) throws IOException {
        try {
            ByteBuffer zeros = ByteBuffer.allocate(FILL_BYTES);
            for (long at = from; at < capacity; ) {
                zeros.clear().limit((int) Math.min(FILL_BYTES, capacity - at));
                at += ch.write(zeros, at);
            }
            Arena a = Arena.ofShared();
            try {
                return new Mapping(number, ch, a, ch.map(FileChannel.MapMode.READ_WRITE, 0, capacity, a));
            } catch (IOException | RuntimeException e) {
                a.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Makes a new segment's name durable: without it a power loss may forget the file, synced or not. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void run() {
        lock.lock();
        try {
            while (true) {
                while ((ready != null || number == 0) && !closing) {
                    wanted.awaitUninterruptibly();
                }
                if (closing) {
                    return;
                }
                long n = number;
                number = 0;
                try {
                    ready = create(n, capacity);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "could not make " + Segment.name(n) + " ahead; the roll makes it", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates segment {@code number}'s file, gives it its size, maps it and syncs its name into
     * the directory; removes what it made if a step fails. A file already there is not its own: it is left alone.
     */
    private Mapping create(long number, long capacity) throws IOException {
        Path path = dir.resolve(Segment.name(number));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Mapping m = make(number, ch, 0, capacity);
            try {
                syncDirectory(dir);
                return m;
            } catch (IOException | RuntimeException e) {
                m.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    /** Closes and deletes a file made and not begun. */
    private void discard(Mapping m) throws IOException {
        m.close();
        Files.deleteIfExists(dir.resolve(Segment.name(m.number())));
    }

    /** Stops the thread and deletes the file made ahead, if it was never begun. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            wanted.signal();
        } finally {
            lock.unlock();
        }
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (ready != null) {
                discard(ready);
                ready = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
