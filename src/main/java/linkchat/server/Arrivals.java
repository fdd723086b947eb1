package linkchat.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How fast each address opens connections: a token bucket per address, so one that reconnects
 * in a loop (each connection a welcome, a backlog, a join and a leave told to everyone, and a
 * fresh allowance of lines) is refused, while an office behind one address coming back at once
 * is not. Owned by the accept loop.
 */
final class Arrivals {
    /**
     * Addresses tracked at once: past this, those whose bucket is full again are forgotten (they
     * would be admitted anyway), and if none is, all are, rather than grow without end.
     */
    static final int MAX_ADDRESSES = 65_536;

    private final int rate;
    private final int burst;
    private final Map<InetAddress, RateLimit> buckets = new HashMap<>();

    /** {@code rate} connections a second from one address on average (0: no limit), {@code burst} at once. */
    Arrivals(int rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** True if {@code address} may open one more connection now; counts it if so. */
    boolean admit(InetAddress address) {
        if (rate == 0) {
            return true;
        }
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            buckets.values().removeIf(RateLimit::full);
            if (buckets.size() >= MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(address, a -> new RateLimit(rate, burst)).tryTake().isZero();
    }
}
