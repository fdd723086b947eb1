package linkchat.server;

import java.time.Duration;

/**
 * A token bucket for one client's lines (or bytes, or an address's connections): {@code rate}
 * a second on average, {@code burst} at once. A client over its rate is not refused anything: {@link #pace} makes its own reading
 * thread wait for the next token, so the client is read later, TCP slows it down, its lines
 * keep their order, and nobody else notices. {@link #tryTake} serves a limit that refuses
 * instead of waiting. Owned by that one thread.
 */
final class RateLimit {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    /** {@code rate} lines a second (0: no limit), up to {@code burst} in a row. */
    RateLimit(int rate, int burst) {
        this(rate / 1e9, burst);
    }

    private RateLimit(double perNano, int burst) {
        this.perNano = perNano;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
    }

    /** One token every {@code interval}, up to {@code burst} in a row: for rates below one a second. */
    static RateLimit every(Duration interval, int burst) {
        return new RateLimit(1.0 / interval.toNanos(), burst);
    }

    /** Takes a token if there is one (and returns zero); else takes nothing and returns how long until one. */
    Duration tryTake() {
        if (perNano == 0) {
            return Duration.ZERO;
        }
        refill();
        if (tokens < 1) {
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }
        tokens -= 1;
        return Duration.ZERO;
    }

    /** Takes a token for one line, first waiting for one if the bucket is empty. */
    void pace() throws InterruptedException {
        if (perNano == 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            Thread.sleep(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
            refill();
        }
        tokens -= 1;
    }

    /** Takes {@code units} now, into debt if the bucket holds fewer: {@link #awaitCredit} then waits it off. */
    void charge(long units) {
        if (perNano == 0) {
            return;
        }
        refill();
        tokens -= units;
    }

    /** Waits, if the bucket is in debt, until it is not. */
    void awaitCredit() throws InterruptedException {
        if (perNano == 0) {
            return;
        }
        refill();
        if (tokens < 0) {
            Thread.sleep(Duration.ofNanos((long) Math.ceil(-tokens / perNano)));
            refill();
        }
    }

    /** True if the bucket is full again: nothing taken from it is still being paid back. */
    boolean full() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
    }
}
