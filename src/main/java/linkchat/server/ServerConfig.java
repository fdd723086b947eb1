package linkchat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import linkchat.wire.Frames;
import linkchat.wire.ServerName;

/**
 * How a server is set up: where it listens, its name, the largest payload it accepts, how
 * much recent history it keeps to replay to a peer after a split, and where (if anywhere) it
 * keeps its event log on disk ({@code dataDir}, null for none) and how often that is synced.
 */
public record ServerConfig(String bind, int port, String name, int maxPayload, int replayEvents, int replaySeconds,
        int frameTimeoutMillis, int maxClients, int maxPerAddress, int backlog, int clientRate, int clientBurst,
        int connectRate, Path dataDir, Duration syncEvery) {
    /** The original project's port. */
    public static final int DEFAULT_PORT = 2000;

    /** Events kept for replay by default: at least this many... */
    public static final int DEFAULT_REPLAY_EVENTS = 10_000;

    /** ...or at least this many seconds' worth, whichever is more (up to a hard cap). */
    public static final int DEFAULT_REPLAY_SECONDS = 300;

    /** How long a frame that has begun may take to arrive whole: a stalled half-frame cannot hold a session forever. */
    public static final int DEFAULT_FRAME_TIMEOUT_MS = 30_000;

    /** Clients at once: past this, file descriptors and memory would run out before anyone noticed. */
    public static final int DEFAULT_MAX_CLIENTS = 16_384;

    /** Clients at once from one address; 0 is no limit, as one address may be a whole office behind NAT. */
    public static final int DEFAULT_MAX_PER_ADDRESS = 0;

    /** Lines a second a client may send on average: far above typing, far below a flood. */
    public static final int DEFAULT_CLIENT_RATE = 20;

    /** Lines a client may send at once, such as a short paste. */
    public static final int DEFAULT_CLIENT_BURST = 50;

    /**
     * Connections a second one address may open, on average (bursts of {@link #CONNECT_BURST}):
     * each costs a welcome, the backlog and a join announced to everyone, and a fresh allowance
     * of lines, so reconnecting in a loop would outrun every per-connection limit.
     */
    public static final int DEFAULT_CONNECT_RATE = 10;

    /** Connections one address may open at once: an office behind one address coming back after a restart. */
    public static final int CONNECT_BURST = 100;

    /** How often the event log is synced to disk: what a power loss may cost (a process crash costs nothing). */
    public static final Duration DEFAULT_SYNC_EVERY = Duration.ofSeconds(1);

    /** Chat lines a joining client is shown from before it came. */
    public static final int DEFAULT_BACKLOG = 20;

    /** Most backlog lines a server keeps: the backlog is for context, not an archive. */
    public static final int MAX_BACKLOG = 1_000;

    /** Checks the values; the messages name the option a user would fix. */
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (maxPayload < 1 || maxPayload > Frames.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("--max-payload must be 1.." + Frames.MAX_PAYLOAD_CEILING + ", got " + maxPayload);
        }
        if (!validName(name)) {
            throw new IllegalArgumentException("--name must be " + ServerName.RULE);
        }
        if (frameTimeoutMillis < 1) {
            throw new IllegalArgumentException("--frame-timeout must be positive");
        }
        if (maxClients < 1 || maxClients > PeerCheck.MAX_USERS_PER_ORIGIN || maxPerAddress < 0) {
            throw new IllegalArgumentException("--max-clients must be 1.." + PeerCheck.MAX_USERS_PER_ORIGIN
                    + " (every user of a server must fit in what its peers take of it) and --max-per-address not negative");
        }
        if (clientRate < 0 || clientBurst < 1) {
            throw new IllegalArgumentException("--client-rate must not be negative and --client-burst must be positive");
        }
        if (connectRate < 0) {
            throw new IllegalArgumentException("--connect-rate must not be negative");
        }
        if (backlog < 0 || backlog > MAX_BACKLOG) {
            throw new IllegalArgumentException("--backlog must be 0.." + MAX_BACKLOG);
        }
        if (replayEvents < 0 || replaySeconds < 0) {
            throw new IllegalArgumentException("--replay-events and --replay-seconds must not be negative");
        }
        if (syncEvery.isNegative()) {
            throw new IllegalArgumentException("--sync-every must not be negative");
        }
    }

    /** A server name: what peers and users see; kept plain so it fits every message unquoted. */
    public static boolean validName(String name) {
        return ServerName.valid(name);
    }

    /** The defaults: every address, port 2000, the host's name, 64 KiB payloads, the default replay window. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, hostName(), Frames.DEFAULT_MAX_PAYLOAD,
                DEFAULT_REPLAY_EVENTS, DEFAULT_REPLAY_SECONDS, DEFAULT_FRAME_TIMEOUT_MS, DEFAULT_MAX_CLIENTS,
                DEFAULT_MAX_PER_ADDRESS, DEFAULT_BACKLOG, DEFAULT_CLIENT_RATE, DEFAULT_CLIENT_BURST, DEFAULT_CONNECT_RATE,
                null, DEFAULT_SYNC_EVERY);
    }

    /** Loopback, any free port, the given name, no rate limits: for tests and tools. */
    public static ServerConfig loopback(String name) {
        return defaults().withBind("127.0.0.1").withPort(0).withName(name).withClientRate(0, DEFAULT_CLIENT_BURST)
                .withConnectRate(0);
    }

    /** A copy letting one address open {@code rate} connections a second (0: no limit). */
    public ServerConfig withConnectRate(int rate) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, maxClients,
                maxPerAddress, backlog, clientRate, clientBurst, rate, dataDir, syncEvery);
    }

    /** A copy listening on {@code bind}. */
    public ServerConfig withBind(String bind) {
        return copy(bind, port, name, maxPayload);
    }

    /** A copy listening on {@code port}. */
    public ServerConfig withPort(int port) {
        return copy(bind, port, name, maxPayload);
    }

    /** A copy called {@code name}. */
    public ServerConfig withName(String name) {
        return copy(bind, port, name, maxPayload);
    }

    /** A copy accepting payloads up to {@code maxPayload} bytes. */
    public ServerConfig withMaxPayload(int maxPayload) {
        return copy(bind, port, name, maxPayload);
    }

    /** A copy keeping at least {@code events} events or {@code seconds} seconds for replay. */
    public ServerConfig withReplay(int events, int seconds) {
        return new ServerConfig(bind, port, name, maxPayload, events, seconds, frameTimeoutMillis, maxClients, maxPerAddress, backlog, clientRate, clientBurst, connectRate, dataDir, syncEvery);
    }

    /** A copy with a frame timeout of {@code millis}. */
    public ServerConfig withFrameTimeout(int millis) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, millis, maxClients, maxPerAddress, backlog, clientRate, clientBurst, connectRate, dataDir, syncEvery);
    }

    /** A copy taking at most {@code total} clients, and {@code perAddress} from one address (0: no limit). */
    public ServerConfig withClientLimits(int total, int perAddress) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, total, perAddress, backlog, clientRate, clientBurst, connectRate, dataDir, syncEvery);
    }

    /** A copy showing joining clients the last {@code lines} chat lines. */
    public ServerConfig withBacklog(int lines) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, maxClients,
                maxPerAddress, lines, clientRate, clientBurst, connectRate, dataDir, syncEvery);
    }

    /** A copy letting each client send {@code rate} lines a second (0: no limit), {@code burst} at once. */
    public ServerConfig withClientRate(int rate, int burst) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, maxClients,
                maxPerAddress, backlog, rate, burst, connectRate, dataDir, syncEvery);
    }

    /** A copy keeping its event log in {@code dir} (null: nowhere), synced every {@code period}. */
    public ServerConfig withDataDir(Path dir, Duration period) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, maxClients,
                maxPerAddress, backlog, clientRate, clientBurst, connectRate, dir, period);
    }

    private ServerConfig copy(String bind, int port, String name, int maxPayload) {
        return new ServerConfig(bind, port, name, maxPayload, replayEvents, replaySeconds, frameTimeoutMillis, maxClients,
                maxPerAddress, backlog, clientRate, clientBurst, connectRate, dataDir, syncEvery);
    }

    /** The host's name without a DNS look-up (which can stall start-up for seconds), made a valid server name. */
    private static String hostName() {
        String raw = System.getenv("HOSTNAME");
        if (raw == null || raw.isBlank()) {
            try {
                raw = Files.readString(Path.of("/etc/hostname"));
            } catch (IOException | RuntimeException e) {
                raw = "";
            }
        }
        StringBuilder cleaned = new StringBuilder();
        for (char c : raw.strip().toCharArray()) {
            if (cleaned.length() < ServerName.MAX_LENGTH) {
                cleaned.append(ServerName.allowed(c) ? c : '-');
            }
        }
        return cleaned.isEmpty() ? "linkchat" : cleaned.toString();
    }
}
