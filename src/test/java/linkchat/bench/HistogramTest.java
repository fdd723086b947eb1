package linkchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {
    /** The precision promised: one part in 2^SUB_BUCKET_BITS. */
    private static final double PRECISION = 1.0 / Histogram.SUB_BUCKETS;

    @Test
    void percentilesOfAUniformSpreadAreWithinPrecision() {
        Histogram h = new Histogram();
        for (long v = 1; v <= 1_000_000; v++) {
            h.record(v * 1_000);
        }
        assertNear(500_000_000, h.percentile(50));
        assertNear(900_000_000, h.percentile(90));
        assertNear(990_000_000, h.percentile(99));
        assertNear(999_000_000, h.percentile(99.9));
        assertEquals(1_000_000_000, h.max());
        assertEquals(1_000, h.min());
        assertEquals(1_000_000, h.count());
        assertNear(500_000_500, Math.round(h.mean()));
    }

    @Test
    void smallValuesAreExact() {
        Histogram h = new Histogram();
        for (int v = 0; v < 100; v++) {
            h.record(v);
        }
        assertEquals(49, h.percentile(50));
        assertEquals(98, h.percentile(99));
        assertEquals(0, h.percentile(0));
        assertEquals(99, h.percentile(100));
    }

    @Test
    void aSkewedDistributionReportsItsTail() {
        Histogram h = new Histogram();
        for (int i = 0; i < 990; i++) {
            h.record(1_000_000);
        }
        for (int i = 0; i < 10; i++) {
            h.record(50_000_000);
        }
        assertNear(1_000_000, h.percentile(50));
        assertNear(1_000_000, h.percentile(99));
        assertNear(50_000_000, h.percentile(99.9));
        assertEquals(50_000_000, h.max());
    }

    @Test
    void mergingAddsCounts() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        for (int i = 1; i <= 500; i++) {
            a.record(i * 10_000L);
            b.record((i + 500) * 10_000L);
        }
        a.add(b);
        assertEquals(1_000, a.count());
        assertNear(5_000_000, a.percentile(50));
        assertEquals(10_000_000, a.max());
        assertEquals(10_000, a.min());
    }

    @Test
    void everyBucketStartsWhereTheLastEndedAndValuesLandInTheirOwn() {
        for (int i = 1; i < Histogram.BUCKETS; i++) {
            long low = Histogram.lowest(i);
            assertEquals(i, Histogram.index(low), "bucket " + i);
            assertEquals(i - 1, Histogram.index(low - 1), "bucket " + i);
            assertTrue(low - Histogram.lowest(i - 1) <= Math.max(1, low * PRECISION), "bucket " + i);
        }
    }

    @Test
    void hugeAndNegativeValuesAreClamped() {
        Histogram h = new Histogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertEquals(0, h.percentile(50));
        assertEquals(Long.MAX_VALUE, h.percentile(100));
        assertEquals(0, new Histogram().percentile(99));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * PRECISION,
                "expected " + expected + " within " + PRECISION + ", got " + actual);
    }
}
