package linkchat.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import linkchat.wire.Stamped;

/**
 * A server's durable event log in one directory: opened by reading back what it holds, then
 * appended to through {@link Journal}: each record is put straight into the mapped segment
 * ({@link Segments}), synced by a {@link Syncer} each period or, with no period, by a
 * {@link GroupCommit} before anyone waiting on it goes on, in segments kept within a
 * {@link Retention}. The directory is locked while open.
 * Thread-safe; {@link #close} writes and syncs what was appended, and a second call does nothing.
 */
public final class Store implements Journal, Closeable {
    private final Path dir;
    private final DirectoryLock lock;
    private final Recovered recovered;
    private final Segments segments;
    private final GroupCommit commit;
    private final Syncer syncer;
    private final boolean intact;
    private boolean closed;

    private Store(Path dir, DirectoryLock lock, Recovered recovered, boolean sameHostBoot, Segments segments,
            boolean syncEachWrite, StoreConfig c, Consumer<IOException> onFailure) {
        this.dir = dir;
        this.intact = (sameHostBoot || syncEachWrite) && recovered.cutBytes() == 0; // synced each write: a restart loses nothing
        this.lock = lock;
        this.recovered = recovered;
        this.segments = segments;
        this.commit = new GroupCommit(segments, syncEachWrite, dir.toString(), onFailure);
        this.syncer = syncEachWrite ? null : new Syncer(segments, c.syncEvery(), commit::fail);
    }

    /**
     * Opens the log in {@code config.dir()} (made if missing), handing every record it holds to
     * {@code recovered}, oldest first, before it returns. Throws, having started nothing, if
     * the directory is unusable, another server holds it, or its log cannot be read.
     */
    public static Store open(StoreConfig config, Consumer<Record> recovered) throws StoreException {
        return open(config, recovered, e -> { });
    }

    /**
     * As {@link #open(StoreConfig, Consumer)}; {@code onFailure} hears, once and on the log's own
     * thread, that a write or sync failed: nothing more can be kept, so a server must stop.
     */
    public static Store open(StoreConfig config, Consumer<Record> recovered, Consumer<IOException> onFailure) throws StoreException {
        Path dir = config.dir();
        usable(dir);
        DirectoryLock lock = take(dir);
        try {
            Recovery.Result r = Recovery.run(dir, config.self(), recovered);
            boolean sameHostBoot = HostBoot.unchanged(dir);
            Segments segments = Segments.open(dir, r, config.segmentBytes(), config.retention());
            return new Store(dir, lock, r.summary(), sameHostBoot, segments, config.syncEvery().isZero(), config, onFailure);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock, e);
            throw e instanceof StoreException se ? se : new StoreException("cannot read the log in " + dir + ": " + e, e);
        }
    }

    private static void usable(Path dir) throws StoreException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot make the log directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir) || !Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new StoreException("the log directory " + dir + " cannot be read and written");
        }
    }

    private static DirectoryLock take(Path dir) throws StoreException {
        try {
            return DirectoryLock.take(dir);
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreException("cannot lock the log in " + dir + ": " + e, e);
        }
    }

    private static void closeQuietly(DirectoryLock lock, Exception cause) {
        try {
            lock.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** What reading the log at open found. */
    public Recovered recovered() {
        return recovered;
    }

    /**
     * True if the log holds everything written to it before this open: no torn tail was cut, and
     * the machine has not restarted since the last open (a restart may lose what was written and
     * not yet synced, with nothing left to show it). A server may then go on with the stream it
     * wrote; otherwise others may have seen events of it that the log no longer holds.
     */
    public boolean intact() {
        return intact;
    }

    @Override
    public long keep(Stamped s, long keptAt, byte[] carryFrame) {
        return commit.submit(RecordCodec.encode(new Record.Kept(s, keptAt), carryFrame));
    }

    @Override
    public long position(String origin, long boot, long seq) {
        return commit.submit(RecordCodec.encode(new Record.Position(origin, boot, seq), null));
    }

    @Override
    public boolean awaitQueued() {
        return commit.awaitQueued();
    }

    @Override
    public void afterQueued(Runnable start) {
        commit.afterQueued(start);
    }

    /** The last ticket written: every record up to it is with the operating system (synced too, with no sync period). */
    long written() {
        return commit.written();
    }

    /** Appends one record and waits until it is written. */
    public void append(Record r) {
        commit.await(commit.submit(RecordCodec.encode(r, null)));
    }

    /** The segment files now, oldest first. */
    List<Path> files() {
        return segments.list().stream().map(s -> s.path).toList();
    }

    /** Writes and syncs everything appended, stops the log's threads and releases the directory. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commit.close();
            if (syncer != null) {
                syncer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the log in " + dir);
        } finally {
            try {
                segments.close();
            } finally {
                lock.close();
            }
        }
    }
}
