package linkchat.store;

import java.nio.file.Path;
import java.time.Duration;

import linkchat.wire.ServerName;

/**
 * Where a log lives and whose it is (the server's name), and how it is written: its directory, the size at which a segment is
 * rolled, how often it is synced to disk ({@link Duration#ZERO}: every write, before its
 * appenders go on), and how much of it is kept. Immutable.
 */
public record StoreConfig(Path dir, String self, long segmentBytes, Duration syncEvery, Retention retention) {
    /**
     * Default segment size, not counting the header and checkpoint it opens with. A segment is
     * the unit deletion takes, so the log holds up to one beyond its retention; smaller segments
     * mean more files, each opening with a checkpoint.
     */
    public static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;

    /** Smallest segment: room for its header and a record, which tests roll at every few records. */
    public static final long MIN_SEGMENT_BYTES = 64;

    /** Default sync period: what a power loss may cost, as Redis's and NATS's append-only files default to. */
    public static final Duration DEFAULT_SYNC_EVERY = Duration.ofSeconds(1);

    /** Refuses a segment size below {@link #MIN_SEGMENT_BYTES} or a negative period. */
    public StoreConfig {
        if (!ServerName.valid(self)) {
            throw new IllegalArgumentException("not a server name: " + self);
        }
        if (segmentBytes < MIN_SEGMENT_BYTES || syncEvery.isNegative()) {
            throw new IllegalArgumentException("segments of at least " + MIN_SEGMENT_BYTES + " bytes and a sync period of 0 or more");
        }
    }

    /** Server {@code self}'s log in {@code dir}, with the default segment size and sync period. */
    public static StoreConfig in(Path dir, String self, Retention retention) {
        return new StoreConfig(dir, self, DEFAULT_SEGMENT_BYTES, DEFAULT_SYNC_EVERY, retention);
    }

    /** A copy with segments of {@code bytes}. */
    public StoreConfig withSegmentBytes(long bytes) {
        return new StoreConfig(dir, self, bytes, syncEvery, retention);
    }

    /** A copy synced every {@code period}. */
    public StoreConfig withSyncEvery(Duration period) {
        return new StoreConfig(dir, self, segmentBytes, period, retention);
    }
}
