package linkchat.store;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;

    /** Starts syncing {@code segments} every {@code period}, telling {@code onFailure} if a sync fails. */
    Syncer(Segments segments, Duration period, Consumer<IOException> onFailure) {
        this.segments = segments;
        this.periodNanos = period.toNanos();
        this.onFailure = onFailure;
        this.thread = Thread.ofPlatform().daemon().name("linkchat-store-sync").start(this::run);
    }

    private void run() {
        try {
            while (!closing.await(periodNanos, TimeUnit.NANOSECONDS)) {
                segments.sync();
            }
        } catch (IOException e) {
            onFailure.accept(e);
        } catch (InterruptedException e) {
            // Nobody interrupts this thread but the JVM's end: the closing log syncs itself.
        }
    }

    /** Stops the thread; the closing log makes the last sync itself. Returns once it has stopped. */
    void close() throws InterruptedException {
        closing.countDown();
        thread.join();
    }
}
