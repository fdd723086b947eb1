package linkchat.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/**
 * Prints the append rate of the group commit: appenders that queue under one shared lock, as the
 * hub would under its own, and wait for the write outside it. Not a test; run with
 * {@code java --enable-preview -cp target/classes:target/test-classes linkchat.store.AppendRate
 * [SECONDS [APPENDERS [TEXT_BYTES [SYNC_MS]]]]} (SYNC_MS 0: a sync per write).
 */
public final class AppendRate {
    private AppendRate() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int appenders = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String text = "x".repeat(args.length > 2 ? Integer.parseInt(args[2]) : 100);
        Duration sync = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 1_000);
        Path dir = Files.createTempDirectory("linkchat-append-rate");
        Retention window = new Retention(10_000, 300_000, 20, 100_000, 64L * 1024 * 1024);
        LongAdder records = new LongAdder();
        LongAdder bytes = new LongAdder();
        long batches;
        long elapsed;
        try (Store store = Store.open(new StoreConfig(dir, StoreConfig.DEFAULT_SEGMENT_BYTES, sync, window), r -> { })) {
            ReentrantLock hub = new ReentrantLock();
            AtomicBoolean stop = new AtomicBoolean();
            long[] seq = {0};
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < appenders; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        long ticket;
                        hub.lock();
                        try {
                            Stamped s = new Stamped("s1", 1, ++seq[0], System.currentTimeMillis(), new Event.Said("ala", text));
                            ticket = store.keep(s, s.time(), null);
                        } finally {
                            hub.unlock();
                        }
                        store.awaitWritten(ticket);
                        records.increment();
                    }
                }));
            }
            Thread.sleep(Duration.ofSeconds(seconds));
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            elapsed = System.nanoTime() - start;
            batches = store.batches();
            Stamped typical = new Stamped("s1", 1, seq[0], System.currentTimeMillis(), new Event.Said("ala", text));
            bytes.add(records.sum() * RecordCodec.encode(new Record.Kept(typical, typical.time()), null).bytes().length);
        }
        double secs = elapsed / 1e9;
        System.out.printf("%d appenders, %d-byte lines, sync every %s: %,.0f records/s, %,.1f MB/s, %.1f records a write (%d writes)%n",
                appenders, text.length(), sync, records.sum() / secs, bytes.sum() / secs / 1e6, (double) records.sum() / batches, batches);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
