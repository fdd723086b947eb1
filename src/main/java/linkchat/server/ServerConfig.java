package linkchat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import linkchat.wire.Frames;

/** How a server is set up: where it listens, its name, and the largest payload it accepts. */
public record ServerConfig(String bind, int port, String name, int maxPayload) {
    /** The original project's port. */
    public static final int DEFAULT_PORT = 2000;

    /** Checks the values; the messages name the option a user would fix. */
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (maxPayload < 1 || maxPayload > Frames.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("--max-payload must be 1.." + Frames.MAX_PAYLOAD_CEILING + ", got " + maxPayload);
        }
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':')) {
            throw new IllegalArgumentException("--name must be non-empty, with no spaces, controls or ':'");
        }
    }

    /** The defaults: every address, port 2000, the host's name, 64 KiB payloads. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, hostName(), Frames.DEFAULT_MAX_PAYLOAD);
    }

    /** A copy listening on {@code bind}. */
    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, name, maxPayload);
    }

    /** A copy listening on {@code port}. */
    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, name, maxPayload);
    }

    /** A copy called {@code name}. */
    public ServerConfig withName(String name) {
        return new ServerConfig(bind, port, name, maxPayload);
    }

    /** A copy accepting payloads up to {@code maxPayload} bytes. */
    public ServerConfig withMaxPayload(int maxPayload) {
        return new ServerConfig(bind, port, name, maxPayload);
    }

    /** The host's name without a DNS look-up (which can stall start-up for seconds). */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String file = Files.readString(Path.of("/etc/hostname")).strip();
            return file.isEmpty() ? "linkchat" : file;
        } catch (IOException | RuntimeException e) {
            return "linkchat";
        }
    }
}
