package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    @Test
    void bytesBeyondTheBurstAreWaitedOffAtTheRate() throws Exception {
        RateLimit bytes = new RateLimit(10_000, 1_000);
        bytes.charge(1_000);
        long start = System.nanoTime();
        bytes.awaitCredit();
        assertTrue(System.nanoTime() - start < 50_000_000L, "the burst itself costs no wait");
        bytes.charge(2_000);
        start = System.nanoTime();
        bytes.awaitCredit();
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 150, "2,000 bytes of debt at 10,000 a second waited only " + waitedMs + " ms");
    }
}
