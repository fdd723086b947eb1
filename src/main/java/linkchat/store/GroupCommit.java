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
 * What an appender of the log may wait for, and what fails the log. Appenders put their records
 * into the mapped segment themselves ({@link Segments#append}), each record's count its ticket.
 * With a sync period, a record is written the moment it is put (the mapping is the page cache), so
 * nothing here ever waits. With a sync at each write, a record counts as written once it is synced:
 * the log's sync thread, started here, forces everything put so far at once (a group commit:
 * while one sync runs the next batch gathers, so the busier the log, the more records each sync
 * covers), then releases every appender it covered.
 *
 * <p>Thread-safe. A failed write or sync fails the log for good: every later call throws, since
 * what it promised (written before echoed) no longer holds.
 */
final class GroupCommit {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition done = lock.newCondition();
    private final Segments segments;
    private final boolean syncEachWrite;
    private final String name;
    /** Forces each batch, with {@code syncEachWrite}; else null. */
    private final Thread writer;
    private final Consumer<IOException> onFailure;
    /** With {@code syncEachWrite}, the count of records the last sync covered; written under the lock. */
    private volatile long synced;
    /** Set under the lock; read without it by the connections' writers waiting in {@link #awaitQueued}. */
    private volatile IOException failure;
    /**
     * Connections' writers parked in {@link #awaitQueued}, each woken by the next sync: hundreds
     * of them wait at once on a busy server, and a condition would hand them the lock one by one.
     */
    private final ConcurrentLinkedQueue<Thread> sleepers = new ConcurrentLinkedQueue<>();
    private boolean closing;
    /** Starts waiting for a sync, each with the ticket it waits for; under the lock, tickets rising. */
    private final ArrayDeque<Deferred> deferred = new ArrayDeque<>();

    private record Deferred(long ticket, Runnable start) {}

    /**
     * The waits of {@code segments}'s appenders; with {@code syncEachWrite} a record is written
     * once synced, by a thread started here. {@code onFailure} hears, once, that the log failed.
     */
    GroupCommit(Segments segments, boolean syncEachWrite, String name, Consumer<IOException> onFailure) {
        this.segments = segments;
        this.onFailure = onFailure;
        this.syncEachWrite = syncEachWrite;
        this.name = name;
        this.writer = syncEachWrite ? Thread.ofPlatform().daemon().name("linkchat-store-commit").start(this::run) : null;
    }

    /** Puts a record into the log and returns its ticket. A failed write fails the log, and throws. */
    long submit(RecordCodec.Encoded e) {
        usable();
        long ticket;
        try {
            ticket = segments.append(e);
        } catch (IOException x) {
            fail(x);
            throw failed();
        }
        if (syncEachWrite) {
            lock.lock();
            try {
                work.signal();
            } finally {
                lock.unlock();
            }
        }
        return ticket;
    }

    /**
     * Waits until the record of {@code ticket}, and so every one put before it, has been
     * written. Not interruptible: the wait is one sync long, and a record put is synced anyway.
     */
    void await(long ticket) {
        if (written() >= ticket) {
            return;
        }
        lock.lock();
        try {
            while (written() < ticket && failure == null) {
                done.awaitUninterruptibly();
            }
            if (written() < ticket) {
                throw failed();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every record put before this call has been written; true if it had to wait. */
    boolean awaitQueued() {
        if (failure != null) {
            throw failed();
        }
        if (!syncEachWrite) {
            return false; // put is written: the mapping is the page cache
        }
        long last = segments.written();
        if (synced >= last) { // most calls come after the sync they wait for, and pass at once
            return false;
        }
        Thread me = Thread.currentThread();
        while (synced < last) {
            if (failure != null) {
                throw failed();
            }
            if (me.isInterrupted()) { // park would return at once: wait the locked way, which ignores it
                await(last);
                return true;
            }
            sleepers.add(me);
            if (synced < last && failure == null) { // checked again once queued: a wake-up may have passed
                LockSupport.park(this);
            }
        }
        return true;
    }

    /** Runs {@code start} once every record put so far is written: see {@link Journal#afterQueued}. */
    void afterQueued(Runnable start) {
        if (syncEachWrite && synced < segments.written()) {
            lock.lock();
            try {
                long last = segments.written();
                if (synced < last && failure == null) {
                    deferred.add(new Deferred(last, start));
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        start.run();
    }

    /** Runs, outside the lock, the starts whose records are synced, or every one once the log failed or closed. */
    private void runDeferred(boolean all) {
        ArrayList<Runnable> due = new ArrayList<>();
        lock.lock();
        try {
            while (!deferred.isEmpty() && (all || deferred.peekFirst().ticket() <= synced)) {
                due.add(deferred.pollFirst().start());
            }
        } finally {
            lock.unlock();
        }
        for (Runnable start : due) {
            try {
                start.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a connection's writer did not start after a sync of the log in " + name, e);
            }
        }
    }

    /** Wakes every writer parked in {@link #awaitQueued}: each looks again at what is synced. */
    private void wakeSleepers() {
        Thread t;
        while ((t = sleepers.poll()) != null) {
            LockSupport.unpark(t);
        }
    }

    /** The last ticket written: every record up to it is in the page cache, and with a sync at each write on disk. */
    long written() {
        return syncEachWrite ? synced : segments.written();
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

    /** Syncs what was put, with a sync at each write, and stops the sync thread; later submits throw. Returns once it has stopped. */
    void close() throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        if (writer != null) {
            writer.join();
        }
    }

    private void run() {
        try {
            syncUntilClosed();
        } finally {
            runDeferred(true); // closed with everything synced, or failed: nothing is left to wait for
        }
    }

    private void syncUntilClosed() {
        while (true) {
            lock.lock();
            try {
                while (synced >= segments.written() && !closing && failure == null) {
                    work.awaitUninterruptibly();
                }
                if (failure != null || synced >= segments.written()) {
                    return; // failed, or closing with nothing left to sync
                }
            } finally {
                lock.unlock();
            }
            long upTo;
            try {
                upTo = segments.sync();
            } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e));
                return;
            }
            release(upTo);
        }
    }

    private void release(long upTo) {
        lock.lock();
        try {
            synced = upTo;
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
