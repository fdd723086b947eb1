package linkchat.bench;

import java.util.Arrays;

/**
 * What one receiver got from every sender, checked for exactly-once and in-order delivery:
 * one bit per (sender, sequence number) and three counters per sender. Memory is
 * senders × messages bits. Written by the receiver's thread only; read by others after it ended.
 */
public final class Checker {
    /** What {@link #accept} made of one delivery. */
    public enum Verdict {
        /** First arrival, in order. */
        FIRST,
        /** First arrival, but after a later message from the same sender. */
        REORDERED,
        /** Seen before: not counted again. */
        DUPLICATE,
        /** Sender or sequence number outside the run: not counted. */
        OUT_OF_RANGE
    }

    private final int messages;
    private final long[][] seen;
    private final int[] highest;
    private final long[] received;
    private long duplicated;
    private long reordered;
    private long outOfRange;

    /** A checker for {@code senders} senders sending {@code messages} messages each, numbered from 0. */
    public Checker(int senders, int messages) {
        if (senders < 1 || messages < 1) {
            throw new IllegalArgumentException("need at least one sender and one message");
        }
        this.messages = messages;
        this.seen = new long[senders][(messages + 63) >>> 6];
        this.highest = new int[senders];
        this.received = new long[senders];
        Arrays.fill(highest, -1);
    }

    /** Records that message {@code seq} of sender {@code sender} arrived, and says how. */
    public Verdict accept(int sender, int seq) {
        if (sender < 0 || sender >= seen.length || seq < 0 || seq >= messages) {
            outOfRange++;
            return Verdict.OUT_OF_RANGE;
        }
        long[] bits = seen[sender];
        long mask = 1L << seq;
        int word = seq >>> 6;
        if ((bits[word] & mask) != 0) {
            duplicated++;
            return Verdict.DUPLICATE;
        }
        bits[word] |= mask;
        received[sender]++;
        if (seq < highest[sender]) {
            reordered++;
            return Verdict.REORDERED;
        }
        highest[sender] = seq;
        return Verdict.FIRST;
    }

    /** True once every message of every sender has arrived. */
    public boolean complete() {
        for (long r : received) {
            if (r < messages) {
                return false;
            }
        }
        return true;
    }

    /** Distinct messages that arrived, over all senders. */
    public long received() {
        long sum = 0;
        for (long r : received) {
            sum += r;
        }
        return sum;
    }

    /** Messages that never arrived, over all senders. */
    public long lost() {
        return (long) seen.length * messages - received();
    }

    /** Arrivals of a message already seen. */
    public long duplicated() {
        return duplicated;
    }

    /** First arrivals with a lower sequence number than one already seen from the same sender. */
    public long reordered() {
        return reordered;
    }

    /** Arrivals naming a sender or sequence number outside the run. */
    public long outOfRange() {
        return outOfRange;
    }

    /** Clears in {@code fannedOut} (one bitset per sender, same layout) every message this receiver missed. */
    void intersectInto(long[][] fannedOut) {
        for (int s = 0; s < seen.length; s++) {
            for (int w = 0; w < seen[s].length; w++) {
                fannedOut[s][w] &= seen[s][w];
            }
        }
    }

    /** A bitset per sender with every message set, for {@link #intersectInto} to narrow down. */
    static long[][] allSet(int senders, int messages) {
        long[][] bits = new long[senders][(messages + 63) >>> 6];
        for (long[] row : bits) {
            for (int i = 0; i < messages; i++) {
                row[i >>> 6] |= 1L << i;
            }
        }
        return bits;
    }

    /** Messages set in {@code bits} whose sequence number is at least {@code from}. */
    static long countFrom(long[][] bits, int from) {
        long n = 0;
        for (long[] row : bits) {
            for (int w = 0; w < row.length; w++) {
                long word = row[w];
                int base = w << 6;
                if (base + 64 <= from) {
                    continue;
                }
                if (base < from) {
                    word &= -1L << (from - base);
                }
                n += Long.bitCount(word);
            }
        }
        return n;
    }
}
