package linkchat.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/**
 * Prints the append rate of the log: appenders that put records under one shared lock, as the
 * hub would under its own, and wait for them to be written outside it (a sync, with SYNC_MS 0). Not a test; run with
 * {@code java --enable-preview -cp target/classes:target/test-classes linkchat.store.AppendRate
 * [SECONDS [APPENDERS [TEXT_BYTES [SYNC_MS]]]]} (SYNC_MS 0: a sync per write).
 */
public final class AppendRate {
    private final ReentrantLock hub = new ReentrantLock();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong records = new AtomicLong();
    private final String text;
    private long seq;

    private AppendRate(String text) {
        this.text = text;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int appenders = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        AppendRate rate = new AppendRate("x".repeat(args.length > 2 ? Integer.parseInt(args[2]) : 100));
        Duration sync = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 1_000);
        Path dir = Files.createTempDirectory("linkchat-append-rate");
        Retention window = new Retention(10_000, 300_000, 20, 100_000, 64L * 1024 * 1024);
        try (Store store = Store.open(new StoreConfig(dir, "s1", StoreConfig.DEFAULT_SEGMENT_BYTES, sync, window), r -> { })) {
            double secs = rate.run(store, appenders, Duration.ofSeconds(seconds));
            long n = rate.records.get();
            Stamped typical = rate.next();
            long bytes = n * RecordCodec.encode(new Record.Kept(typical, typical.time()), null).bytes().length;
            System.out.printf("%d appenders, %d-byte lines, sync every %s: %,.0f records/s, %,.1f MB/s%n",
                    appenders, rate.text.length(), sync, n / secs, bytes / secs / 1e6);
        } finally {
            delete(dir);
        }
    }

    /** Appends from {@code appenders} virtual threads for {@code time}; returns the seconds it took. */
    private double run(Store store, int appenders, Duration time) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < appenders; i++) {
            threads.add(Thread.ofVirtual().start(() -> append(store)));
        }
        Thread.sleep(time);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void append(Store store) {
        while (!stop.get()) {
            long ticket;
            hub.lock();
            try {
                Stamped s = next();
                ticket = store.keep(s, s.time(), null);
            } finally {
                hub.unlock();
            }
            store.awaitQueued();
            records.incrementAndGet();
        }
    }

    /** The next chat line; the caller holds the lock. */
    private Stamped next() {
        return new Stamped("s1", 1, ++seq, System.currentTimeMillis(), new Event.Said("ala", text));
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
