package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random federations under random faults ({@link SimRun}), one seed each: whatever the seed,
 * once the network heals every line reached everyone once and in order, and every hub shows the
 * same users. A failure names its seed; {@code -Dsimnet.seed=N} runs that one seed alone, {@code -Dsimnet.seeds=N} the first N.
 */
class SimNetPropertyTest {
    /** Seeds per property: a run costs about 50 ms of CPU, so the properties stay within seconds. */
    private static final int SEEDS = 100;

    /** Every this many seeds, one is run twice to show it replays exactly. */
    private static final int REPLAYED_EVERY = 20;

    static LongStream seeds() {
        String one = System.getProperty("simnet.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(0, Long.getLong("simnet.seeds", SEEDS));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withTheWholeLogKeptEveryLineArrivesOnceInOrderAndRostersAgree(long seed) {
        SimRun run = new SimRun(seed, 100_000).play();
        run.checkEveryLineOnceInOrder();
        run.checkRostersAgree();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withAShortLogNoLineArrivesTwiceOrOutOfOrder(long seed) {
        new SimRun(seed, 3).play().checkNoLineTwiceOrOutOfOrder();
    }

    /**
     * Open (issue 15): with a 3-event log, 4 of the first 40 seeds (14, 15, 25, 28) end with rosters
     * apart. Seed 14: s3 sent s2 a JUMP of s5, complete at seq 27, whose users still held
     * guest-60016, renamed by s5's seq 24; s2 took it as ahead, so the rename, arriving after,
     * was an old copy. How s3 came to pair seq 27 with those users is still to be traced. Run with -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition.
     */
    @Disabled("open: a JUMP can pair a seq with users older than it (issue 15)")
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withAShortLogRostersStillAgree(long seed) {
        new SimRun(seed, 3).play().checkRostersAgree();
    }

    static LongStream replayed() {
        return seeds().filter(seed -> seed % REPLAYED_EVERY == 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("replayed")
    void aSeedReplaysExactly(long seed) {
        assertEquals(new SimRun(seed, 3).play().trace(), new SimRun(seed, 3).play().trace(), "seed " + seed);
    }
}
