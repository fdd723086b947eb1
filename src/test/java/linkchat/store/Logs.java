package linkchat.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import linkchat.wire.Event;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/** Test helpers: sample records, and a log opened with what it recovered collected. */
final class Logs {
    /** Keeps everything: no test here means to lose a record to the retention unless it says so. */
    static final Retention KEEP_ALL = new Retention(1_000_000, Long.MAX_VALUE / 4, 0, 1_000_000, Long.MAX_VALUE / 4);

    private Logs() {}

    /** Chat line {@code seq} of s1's boot 7, kept at time {@code seq}. */
    static Record.Kept line(long seq) {
        return new Record.Kept(new Stamped("s1", 7, seq, 1_000 + seq, new Event.Said("ala", "line " + seq + " żółw")), seq);
    }

    /** A sample of every kind of record, in an order a server could write them. */
    static List<Record> sample() {
        return List.of(
                new Record.Kept(new Stamped("s1", 7, 1, 1_001, new Event.Joined("ala")), 1),
                line(2),
                new Record.Kept(new Stamped("s2", 9, 40, 1_003, new Event.Acted("bob", "waves")), 3),
                new Record.Position("s3", 11, 500),
                new Record.Kept(new Stamped("s3", 11, 501, 1_004, new Event.Said("cid", "held, then resent", "c7f3-12")), 4),
                new Record.Kept(new Stamped("s1", 7, 3, 1_005, new Event.Links(List.of("s2", "s3"))), 5),
                new Record.Kept(new Stamped("s2", 9, 41, 1_006, new Event.Left("bob", "bye now")), 6),
                new Record.Kept(new Stamped("s1", 7, 4, 1_007, new Event.Renamed("ala", "ola")), 7),
                new Record.State(new PeerMessage.OriginState("s1", 7, 4, List.of(new PeerMessage.User("ola", 1_007)),
                        List.of("s2", "s3"), true)));
    }

    /** Bytes {@code r} takes in the log. */
    static int size(Record r) {
        return RecordCodec.encode(r, null).bytes().length;
    }

    /** The configuration of server s1's log in {@code dir} keeping everything, segments of {@code segmentBytes}. */
    static StoreConfig config(Path dir, long segmentBytes) {
        return new StoreConfig(dir, "s1", segmentBytes, Duration.ofMillis(50), KEEP_ALL);
    }

    /** A log open on {@code dir}, and what opening it recovered. */
    record Opened(Store store, List<Record> recovered) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            store.close();
        }
    }

    static Opened open(StoreConfig config) throws StoreException {
        List<Record> got = new ArrayList<>();
        Store store = Store.open(config, got::add);
        return new Opened(store, got);
    }

    /** Appends {@code records} to a log in {@code config.dir()} and closes it; returns what it recovered first. */
    static List<Record> write(StoreConfig config, List<? extends Record> records) throws Exception {
        try (Opened log = open(config)) {
            records.forEach(log.store()::append);
            return log.recovered();
        }
    }

    /** What a log in {@code config.dir()} holds, read by opening and closing it. */
    static List<Record> read(StoreConfig config) throws Exception {
        return write(config, List.of());
    }

    /** Only the events of {@code records}. */
    static List<Record.Kept> events(List<Record> records) {
        return records.stream().filter(r -> r instanceof Record.Kept).map(r -> (Record.Kept) r).toList();
    }
}
