package linkchat.server;

import java.time.Duration;

/**
 * A token bucket for one client's lines: {@code rate} a second on average, {@code burst} at
 * once. A client over its rate is not refused anything: {@link #pace} makes its own reading
 * thread wait for the next token, so the client is read later, TCP slows it down, its lines
 * keep their order, and nobody else notices. Owned by that one thread.
 */
final class RateLimit {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    /** {@code rate} lines a second (0: no limit), up to {@code burst} in a row. */
    RateLimit(int rate, int burst) {
        this.perNano = rate / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
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

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
    }
}
