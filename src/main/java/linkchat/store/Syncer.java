package linkchat.store;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Forces the log to disk once a period, on a thread of its own, so that the writes appenders
 * wait for never wait on a disk's sync too: a process crash loses nothing written, a power loss
 * at most one period. A failed sync fails the log. Thread-safe.
 */
final class Syncer {
    private final Segments segments;
    private final long periodNanos;
    private final Consumer<IOException> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stop = lock.newCondition();
    private final Thread thread;
    private boolean closing;

    /** Starts syncing {@code segments} every {@code period}, telling {@code onFailure} if a sync fails. */
    Syncer(Segments segments, Duration period, Consumer<IOException> onFailure) {
        this.segments = segments;
        this.periodNanos = period.toNanos();
        this.onFailure = onFailure;
        this.thread = Thread.ofPlatform().daemon().name("linkchat-store-sync").start(this::run);
    }

    private void run() {
        while (waitPeriod()) {
            try {
                segments.sync();
            } catch (IOException e) {
                onFailure.accept(e);
                return;
            }
        }
    }

    /** Waits one period; false once closing. */
    private boolean waitPeriod() {
        lock.lock();
        try {
            long left = periodNanos;
            while (!closing && left > 0) {
                left = stop.awaitNanos(left);
            }
            return !closing;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; the closing log makes the last sync itself. Returns once it has stopped. */
    void close() throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            stop.signal();
        } finally {
            lock.unlock();
        }
        thread.join();
    }
}
