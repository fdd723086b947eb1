package linkchat.soak;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Cuts random links of a {@link Mesh} and restores each after a random while, from a fixed
 * seed, until its time is up; then restores every link it still holds cut. Runs on a platform
 * thread of its own, so its turns keep time while the servers' virtual threads take both cores;
 * {@link #cuts} and {@link #splits} may be read from any thread.
 */
final class LinkCutter implements Runnable {
    /** Time between two turns: a few cuts a second, so a short run sees dozens. */
    static final Duration TURN = Duration.ofMillis(250);

    /** Shortest and longest cut: from a blip to longer than the dialler's first few backoffs. */
    static final Duration SHORTEST_CUT = Duration.ofMillis(300);
    static final Duration LONGEST_CUT = Duration.ofMillis(2_500);

    /** Most links down at once: enough to split a sparse graph, not so many that a mesh is mostly down. */
    static final int MOST_DOWN = 4;

    private final Mesh mesh;
    private final Random random;
    private final long until;
    private final Map<Integer, Long> down = new HashMap<>();
    private volatile int cuts;
    private volatile int splits;
    private Thread thread;

    private LinkCutter(Mesh mesh, long seed, Duration length) {
        this.mesh = mesh;
        this.random = new Random(seed);
        this.until = System.nanoTime() + length.toNanos();
    }

    /** Starts cutting {@code mesh}'s links, drawn from {@code seed}, for {@code length}. */
    static LinkCutter start(Mesh mesh, long seed, Duration length) {
        LinkCutter cutter = new LinkCutter(mesh, seed, length);
        cutter.thread = Thread.ofPlatform().name("link-cutter").start(cutter);
        return cutter;
    }

    @Override
    public void run() {
        try {
            while (System.nanoTime() < until) {
                restoreDue(System.nanoTime());
                if (down.size() < MOST_DOWN) {
                    cutOne();
                }
                Mesh.pause(TURN);
            }
        } finally {
            down.keySet().forEach(mesh::restore);
            down.clear();
        }
    }

    private void cutOne() {
        int link = random.nextInt(mesh.topology().edges().size());
        if (down.containsKey(link)) {
            return;
        }
        long span = LONGEST_CUT.toNanos() - SHORTEST_CUT.toNanos();
        down.put(link, System.nanoTime() + SHORTEST_CUT.toNanos() + (long) (random.nextDouble() * span));
        mesh.cut(link);
        cuts++;
        if (!mesh.topology().connectedWithout(down.keySet())) {
            splits++;
        }
    }

    /** Restores every link whose cut ends by {@code now}. */
    private void restoreDue(long now) {
        down.entrySet().removeIf(e -> {
            if (e.getValue() - now > 0) {
                return false;
            }
            mesh.restore(e.getKey());
            return true;
        });
    }

    /** Waits for the cutter's time to run out and every link to be restored. */
    void finish() throws InterruptedException {
        thread.join();
    }

    /** Links cut so far. */
    int cuts() {
        return cuts;
    }

    /** Cuts that left the servers in two or more parts: those the replay after a split must heal. */
    int splits() {
        return splits;
    }
}
