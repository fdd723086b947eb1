package linkchat.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Batches the records of any number of appending threads into few writes (a group commit):
 * appenders queue encoded records, each given a ticket, and may wait for their ticket; the
 * log's writer thread takes everything queued at once and hands it to the operating system in
 * as few writes as its buffer allows, then releases every appender it covered. While one batch
 * is written the next gathers, so the busier the log, the more records each write carries.
 *
 * <p>Thread-safe. Only the writer thread, started here, touches the files: no appender's
 * interrupt can close them. A failed write or sync fails the log for good: every later call
 * throws, since what it promised (written before echoed) no longer holds.
 */
final class GroupCommit {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    /**
     * Bytes queued but not yet taken by the writer past which an appender waits: a disk that
     * falls behind slows those who append instead of filling the heap.
     */
    static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    /**
     * Least time between the starts of two writes: records that come faster share a write. A write
     * costs tens of microseconds of CPU whatever it carries, and at thousands of events a second
     * one each would cost more than fanning them out; a chat line waits at most this much more for
     * its echo, and one that comes after a quiet moment not at all.
     */
    static final long GATHER_NANOS = 1_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition done = lock.newCondition();
    private final Segments segments;
    private final boolean syncEachWrite;
    private final String name;
    private final Thread writer;
    private final Consumer<IOException> onFailure;
    private ArrayList<RecordCodec.Encoded> queue = new ArrayList<>();
    private ArrayList<RecordCodec.Encoded> spare = new ArrayList<>();
    private long queuedBytes;
    /** Written under the lock; read without it by {@link #awaitQueued}'s fast path. */
    private volatile long issued;
    /** Written by the writer under the lock; read by anyone, for {@link #written()}, without it. */
    private volatile long written;
    private long batches;
    /** Set under the lock; read without it by the connections' writers waiting in {@link #awaitQueued}. */
    private volatile IOException failure;
    /**
     * Connections' writers parked in {@link #awaitQueued}, each woken by the next write: hundreds
     * of them wait at once on a busy server, and a condition would hand them the lock one by one.
     */
    private final ConcurrentLinkedQueue<Thread> sleepers = new ConcurrentLinkedQueue<>();
    private boolean closing;
    /** Starts waiting for a write, each with the ticket it waits for; under the lock, tickets rising. */
    private final ArrayDeque<Deferred> deferred = new ArrayDeque<>();

    private record Deferred(long ticket, Runnable start) {}

    /**
     * Starts the writer of {@code segments}; with {@code syncEachWrite} each batch is synced before
     * its appenders go on. {@code onFailure} hears, once, that the log failed.
     */
    GroupCommit(Segments segments, boolean syncEachWrite, String name, Consumer<IOException> onFailure) {
        this.segments = segments;
        this.onFailure = onFailure;
        this.syncEachWrite = syncEachWrite;
        this.name = name;
        this.writer = Thread.ofPlatform().daemon().name("linkchat-store-writer").start(this::run);
    }

    /** Queues a record and returns its ticket; waits only while the writer is {@link #MAX_QUEUED_BYTES} behind. */
    long submit(RecordCodec.Encoded e) {
        lock.lock();
        try {
            usable();
            queue.add(e);
            queuedBytes += e.bytes().length;
            long ticket = ++issued;
            if (queue.size() == 1) {
                work.signal(); // the writer waits for a first record, and is not hurried while it gathers more
            }
            while (queuedBytes > MAX_QUEUED_BYTES && failure == null) {
                done.awaitUninterruptibly();
            }
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the record of {@code ticket}, and so every one queued before it, has been
     * written. Not interruptible: the wait is one write long, and a record queued is written anyway.
     */
    void await(long ticket) {
        lock.lock();
        try {
            while (written < ticket && failure == null) {
                done.awaitUninterruptibly();
            }
            if (written < ticket) {
                throw failed();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every record queued before this call has been written; true if it had to wait. */
    boolean awaitQueued() {
        long last = issued;
        if (written >= last) { // most calls come after the write they wait for, and pass at once
            return false;
        }
        Thread me = Thread.currentThread();
        while (written < last) {
            if (failure != null) {
                throw failed();
            }
            if (me.isInterrupted()) { // park would return at once: wait the locked way, which ignores it
                await(last);
                return true;
            }
            sleepers.add(me);
            if (written < last && failure == null) { // checked again once queued: a wake-up may have passed
                LockSupport.park(this);
            }
        }
        return true;
    }

    /** Runs {@code start} once every record queued so far is written: see {@link Journal#afterQueued}. */
    void afterQueued(Runnable start) {
        if (written < issued) { // issued read first would do too; this order is the cheap one when idle
            lock.lock();
            try {
                if (written < issued && failure == null) {
                    deferred.add(new Deferred(issued, start));
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        start.run();
    }

    /** Runs, outside the lock, the starts whose records are written, or every one once the log failed or closed. */
    private void runDeferred(boolean all) {
        ArrayList<Runnable> due = new ArrayList<>();
        lock.lock();
        try {
            while (!deferred.isEmpty() && (all || deferred.peekFirst().ticket() <= written)) {
                due.add(deferred.pollFirst().start());
            }
        } finally {
            lock.unlock();
        }
        for (Runnable start : due) {
            try {
                start.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a connection's writer did not start after a write to the log in " + name, e);
            }
        }
    }

    /** Wakes every writer parked in {@link #awaitQueued}: each looks again at what is written. */
    private void wakeSleepers() {
        Thread t;
        while ((t = sleepers.poll()) != null) {
            LockSupport.unpark(t);
        }
    }

    /** The last ticket written: every record up to it has been handed to the operating system. */
    long written() {
        return written;
    }

    /** Batches written so far: records over batches is how many records each write carried. */
    long batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }

    /** Fails the log: every waiting and later appender is told. */
    void fail(IOException e) {
        boolean first;
        lock.lock();
        try {
            first = failure == null;
            if (first) {
                failure = e;
                LOG.log(Level.ERROR, "the log in " + name + " failed; nothing more can be written to it", e);
            }
            done.signalAll();
        } finally {
            lock.unlock();
        }
        wakeSleepers();
        runDeferred(true);
        if (first) {
            onFailure.accept(e);
        }
    }

    /** Writes what is queued, then stops the writer; later submits throw. Returns once it has stopped. */
    void close() throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        writer.join();
    }

    private void run() {
        try {
            writeUntilClosed();
        } finally {
            runDeferred(true); // closed with everything written, or failed: nothing is left to wait for
        }
    }

    private void writeUntilClosed() {
        long upTo;
        ArrayList<RecordCodec.Encoded> batch;
        long lastWrite = System.nanoTime() - GATHER_NANOS;
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closing && failure == null) {
                    work.awaitUninterruptibly();
                }
                gather(lastWrite);
                if (queue.isEmpty() || failure != null) {
                    return;
                }
                batch = queue;
                queue = spare;
                upTo = issued;
                queuedBytes = 0;
            } finally {
                lock.unlock();
            }
            lastWrite = System.nanoTime();
            if (!writeOut(batch)) {
                return;
            }
            release(batch, upTo);
        }
    }

    /** Under the lock: waits until {@link #GATHER_NANOS} have passed since the last write began, unless closing. */
    private void gather(long lastWrite) {
        long left = lastWrite + GATHER_NANOS - System.nanoTime();
        while (left > 0 && !closing && failure == null) {
            try {
                left = work.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody interrupts the writer; if one does, write now
                return;
            }
        }
    }

    private boolean writeOut(ArrayList<RecordCodec.Encoded> batch) {
        try {
            segments.write(batch);
            if (syncEachWrite) {
                segments.sync();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e));
            return false;
        }
    }

    private void release(ArrayList<RecordCodec.Encoded> batch, long upTo) {
        batch.clear();
        lock.lock();
        try {
            spare = batch;
            written = upTo;
            batches++;
            done.signalAll();
        } finally {
            lock.unlock();
        }
        wakeSleepers();
        runDeferred(false);
    }

    private void usable() {
        if (failure != null) {
            throw failed();
        }
        if (closing) {
            throw new IllegalStateException("the log in " + name + " is closed");
        }
    }

    private UncheckedIOException failed() {
        return new UncheckedIOException("the log in " + name + " failed: " + failure.getMessage(), failure);
    }
}
