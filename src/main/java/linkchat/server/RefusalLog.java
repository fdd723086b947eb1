package linkchat.server;

import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Logs refusals (connections past a limit, links and handshakes): the first few each minute at WARNING, the rest at DEBUG,
 * their number told with the next WARNING. Anyone who can reach the port can be refused as
 * often as they like; this keeps them from flooding the log. Safe for any thread.
 */
public final class RefusalLog {
    /** Refusals logged at WARNING per {@link #WINDOW_NANOS}: enough to see a misconfigured peer, too few to flood a log. */
    static final int WARNINGS_PER_WINDOW = 5;

    /** The window {@link #WARNINGS_PER_WINDOW} counts in: a minute. */
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final BiConsumer<Level, String> sink;
    private final LongSupplier clock;
    private long windowStart;
    private int warned;
    private long quiet;

    /** Writes to {@code sink}, timing windows by {@code clock} (nanoseconds, as {@link System#nanoTime}). */
    RefusalLog(BiConsumer<Level, String> sink, LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /** Writes to {@code logger}. */
    public RefusalLog(System.Logger logger) {
        this((level, line) -> logger.log(level, line), System::nanoTime);
    }

    /** Logs one refusal. */
    public void refused(String line) {
        long now = clock.getAsLong();
        Level level;
        long hidden = 0;
        synchronized (this) {
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                warned = 0;
            }
            if (warned < WARNINGS_PER_WINDOW) {
                warned++;
                level = Level.WARNING;
                hidden = quiet;
                quiet = 0;
            } else {
                level = Level.DEBUG;
                quiet++;
            }
        }
        sink.accept(level, hidden == 0 ? line : line + " (and " + hidden + " more refused since, logged at DEBUG)");
    }
}
