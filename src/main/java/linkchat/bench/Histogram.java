package linkchat.bench;

/**
 * A log-linear histogram of non-negative longs (latencies in nanoseconds): values below
 * {@link #SUB_BUCKETS} are counted exactly, larger ones in buckets no wider than 1/{@value #SUB_BUCKETS}
 * of their value, so every percentile is within 0.8% of the true one. Fixed size, no allocation
 * per value. Owned by one thread; merge copies into one after their owners have stopped.
 */
public final class Histogram {
    /** Buckets per power of two: 2^7 keeps the relative error under 1% (1/128 = 0.78%). */
    static final int SUB_BUCKET_BITS = 7;

    /** Buckets in each power-of-two range, and the count of exactly-counted small values. */
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

    /** Highest power of two tracked, 2^42 ns (about 73 minutes): larger values land in the top bucket. */
    static final int HIGHEST_EXPONENT = 42;

    /** Buckets in all: exact ones, then SUB_BUCKETS for each exponent up to HIGHEST_EXPONENT (about 37 KB of counts). */
    static final int BUCKETS = SUB_BUCKETS + (HIGHEST_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    /** Counts one value; negative values count as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds every value counted by {@code other} to this one. */
    public void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Values counted. */
    public long count() {
        return total;
    }

    /** The largest value counted, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /** The smallest value counted, exactly; 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /** The mean of the values counted; 0 when empty. */
    public double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /**
     * The value at {@code percentile} (0..100): the middle of the bucket holding the
     * ceil(p% of count)-th smallest value, clamped to the exact min and max; the exact max for
     * the largest value; 0 when empty.
     */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be 0..100, got " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        if (rank >= total) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.clamp(middle(i), min, max);
            }
        }
        return max;
    }

    /** The bucket counting {@code v}. */
    static int index(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        if (exponent > HIGHEST_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (v >>> (exponent - SUB_BUCKET_BITS)) - SUB_BUCKETS;
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * SUB_BUCKETS + sub;
    }

    /** The lowest value that lands in bucket {@code i}. */
    static long lowest(int i) {
        if (i < SUB_BUCKETS) {
            return i;
        }
        int shift = (i - SUB_BUCKETS) / SUB_BUCKETS;
        long sub = (i - SUB_BUCKETS) % SUB_BUCKETS + SUB_BUCKETS;
        return sub << shift;
    }

    private static long middle(int i) {
        if (i < SUB_BUCKETS) {
            return i;
        }
        int shift = (i - SUB_BUCKETS) / SUB_BUCKETS;
        return lowest(i) + ((1L << shift) >>> 1);
    }
}
