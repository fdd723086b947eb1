package linkchat.soak;

import java.time.Duration;
import java.util.Random;

import linkchat.testing.ServerProcess;

/**
 * Kills a server process with SIGKILL at moments drawn from a fixed seed and starts it again on
 * the same port and data directory a few seconds later, until closed; then stops it. Runs on a
 * platform thread of its own, so that its moments keep time while the servers take both cores;
 * {@link #kills}, {@link #port} and {@link #failure} may be read from any thread.
 */
final class ServerKiller implements AutoCloseable {
    /** Shortest and longest life between a start and the next kill: several kills in a two-minute soak. */
    static final Duration SHORTEST_LIFE = Duration.ofSeconds(5);
    static final Duration LONGEST_LIFE = Duration.ofSeconds(15);

    /** How long the server stays dead: past its peers' first redials, as an operator's restart is. */
    static final Duration DOWN = Duration.ofSeconds(2);

    private final Random random;
    private final Runnable restarted;
    private final int port;
    private final Object lock = new Object();
    private ServerProcess server;
    private boolean closed;
    private volatile int kills;
    private volatile Throwable failure;
    private Thread thread;

    private ServerKiller(ServerProcess server, long seed, Runnable restarted) {
        this.server = server;
        this.port = server.port();
        this.random = new Random(seed);
        this.restarted = restarted;
    }

    /** Starts killing {@code server} at moments drawn from {@code seed}; {@code restarted} runs after each restart. */
    static ServerKiller start(ServerProcess server, long seed, Runnable restarted) {
        ServerKiller killer = new ServerKiller(server, seed, restarted);
        killer.thread = Thread.ofPlatform().name("server-killer").start(killer::run);
        return killer;
    }

    private void run() {
        try {
            killAndRestart();
        } catch (RuntimeException | AssertionError e) {
            failure = e;
        }
    }

    private void killAndRestart() {
        long span = LONGEST_LIFE.toMillis() - SHORTEST_LIFE.toMillis();
        while (pause(SHORTEST_LIFE.plusMillis((long) (random.nextDouble() * span)))) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                server.kill();
                kills++;
            }
            pause(DOWN);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                server = server.restart();
            }
            restarted.run();
        }
    }

    /** Waits {@code d}, the killer's own schedule; false once closed. */
    private boolean pause(Duration d) {
        synchronized (lock) {
            long deadline = System.nanoTime() + d.toNanos();
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    /** Kills so far. */
    int kills() {
        return kills;
    }

    /** The port the server listens on, the same across its restarts. */
    int port() {
        return port;
    }

    /** Why the killer stopped before it was closed (a restart that failed), or null. */
    Throwable failure() {
        return failure;
    }

    /** Stops killing, waits for the killer's thread, and stops the server (SIGTERM) if it is up. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            server.close();
        }
    }
}
