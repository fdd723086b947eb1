package linkchat.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;

import linkchat.wire.HostPort;

/**
 * Which server a client uses and how it finds another: at start the first that answers, in
 * order; after a loss the next ones in turn, round and round, with pauses that double from
 * {@link #FIRST_PAUSE} up to {@link #MAX_PAUSE}, each shortened by up to {@link #JITTER} at
 * random, until one answers or {@link #stop} is called. {@link #retryNow} cuts a pause short.
 *
 * <p>Threads: {@link #reconnect} runs on one thread at a time (one per outage); {@link #stop},
 * {@link #retryNow} and {@link #current} may be called from any thread. A stop is for good, and wakes a pause at
 * once.
 */
public final class FailOver {
    /** How long an unreachable server may hold up a connect before the next is tried. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The first pause before reconnecting: short, as the commonest cause is a restart. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    /** The longest pause between attempts: a chat user waits seconds for a server back, not half a minute. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /**
     * The share of a pause that may be cut at random (a half), so that the clients of a server
     * that restarts do not all come back in the same instant.
     */
    static final double JITTER = 0.5;

    private static final Logger LOG = System.getLogger(FailOver.class.getName());

    /** The session a reconnect serves: what it shows, and whether it still takes a connection. */
    interface Session {
        /** How the connection stands, for a status line. */
        void connectionState(String state);

        /**
         * Takes {@code c}, just opened to {@code server}, as the session's connection and returns
         * true; or returns false, and takes nothing, if the session no longer wants one.
         */
        boolean adopt(Connection c, HostPort server);
    }

    private final List<HostPort> servers;
    private final SSLContext tls;
    private final Object pause = new Object(); // stop() wakes a reconnect waiting on it
    private boolean stopped; // guarded by pause
    private boolean hurry; // guarded by pause: the next pause (or the one under way) is skipped
    private volatile int index;

    /** Fails over between {@code servers}, over TLS with {@code tls} unless it is null; the first is current. */
    FailOver(List<HostPort> servers, SSLContext tls) {
        this.servers = List.copyOf(servers);
        this.tls = tls;
    }

    /** Connects to the current server. */
    Connection connectCurrent() throws IOException {
        return connect(current());
    }

    /**
     * Connects to the first server that answers, in order, which becomes the current one. The
     * exception is the first server's if none answers.
     */
    Connection connectFirst() throws IOException {
        IOException first = null;
        for (int i = 0; i < servers.size(); i++) {
            try {
                Connection c = connect(servers.get(i));
                index = i;
                return c;
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /** How long to wait before attempt {@code failures + 1}: doubling from {@link #FIRST_PAUSE}, capped. */
    static Duration pauseAfter(int failures) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(millis, MAX_PAUSE.toMillis()));
    }

    /** {@code pause} shortened by {@code random} (0 to 1) times {@link #JITTER} of it. */
    static Duration jittered(Duration pause, double random) {
        return Duration.ofMillis(Math.round(pause.toMillis() * (1 - JITTER * random)));
    }

    /** The pause, jitter included, before attempt {@code failures + 1} to reach any server. */
    public static Duration retryPause(int failures) {
        return jittered(pauseAfter(failures), ThreadLocalRandom.current().nextDouble());
    }

    /** The one line to show when a client's only server, {@code server}, did not answer. */
    public static String cannotConnect(HostPort server, IOException e) {
        return "* cannot connect to " + server + ": " + Connection.describe(e);
    }

    /** The one line saying that none of {@code servers} answered, each named, with the first one's reason. */
    public static String noneAnswered(List<HostPort> servers, IOException first) {
        return "* cannot connect to " + String.join(", ", servers.stream().map(HostPort::toString).toList())
                + ": " + Connection.describe(first);
    }

    /** The server in use, or last tried while reconnecting. */
    HostPort current() {
        return servers.get(index);
    }

    /**
     * Tries the servers in turn, the next one first, with growing pauses, until one answers and
     * {@code session} adopts it (returns true), or the session declines it or {@link #stop} is
     * called (returns false).
     */
    boolean reconnect(Session session) {
        for (int failures = 0; ; failures++) {
            Duration wait = retryPause(failures);
            session.connectionState("reconnecting in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
            if (!await(wait)) {
                return false;
            }
            int next = (index + 1) % servers.size();
            HostPort server = servers.get(next);
            session.connectionState("connecting to " + server);
            Connection c;
            try {
                c = connect(server);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "reconnect to " + server + " failed", e);
                index = next;
                continue;
            }
            index = next;
            if (session.adopt(c, server)) {
                return true;
            }
            c.close();
            return false;
        }
    }

    /** Skips the pause under way, or the next one if none is: the user asked to reconnect now. */
    void retryNow() {
        synchronized (pause) {
            hurry = true;
            pause.notifyAll();
        }
    }

    /** Ends any reconnect, now and to come; idempotent. */
    void stop() {
        synchronized (pause) {
            stopped = true;
            pause.notifyAll();
        }
    }

    private Connection connect(HostPort server) throws IOException {
        return Connection.connect(server.host(), server.port(), CONNECT_TIMEOUT, tls);
    }

    /** Waits {@code time} unless stopped before or meanwhile; returns whether to go on. */
    private boolean await(Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        synchronized (pause) {
            try {
                for (long left = time.toNanos(); !stopped && !hurry && left > 0; left = deadline - System.nanoTime()) {
                    pause.wait(Math.max(1, left / 1_000_000));
                }
                hurry = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopped;
        }
    }
}
