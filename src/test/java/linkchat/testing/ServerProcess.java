package linkchat.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import linkchat.wire.HostPort;

/**
 * A {@code linkchat server} in a process of its own (see {@link Launcher}), on loopback, with a
 * data directory, so that a test can kill it as a crash does (SIGKILL) and start it again on the
 * same port and directory. What it writes goes to a log file beside its directory, kept across
 * restarts. Closed (SIGTERM, then SIGKILL) by try-with-resources; one thread.
 */
public final class ServerProcess implements AutoCloseable {
    /** Longest a server may take to listen: a JVM's start on a loaded machine, with its log to read back. */
    public static final Duration START = Duration.ofSeconds(30);

    /** Longest a process may take to end once told, before it is killed. */
    private static final Duration STOP = Duration.ofSeconds(10);

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    private final String name;
    private final Path dataDir;
    private final Path log;
    private final List<String> options;
    private final Process process;
    private final int port;

    private ServerProcess(String name, Path home, List<String> options, int port) {
        this.name = name;
        this.dataDir = home.resolve(name);
        this.log = home.resolve(name + ".log");
        this.options = List.copyOf(options);
        List<String> args = new ArrayList<>(List.of("server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--name", name, "--data-dir", dataDir.toString()));
        args.addAll(options);
        try {
            this.process = new ProcessBuilder(Launcher.command(args.toArray(String[]::new)))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close(); // a server reads no input: the pipe would stay open
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = awaitListening();
    }

    /**
     * Starts server {@code name} on a free port, its data directory {@code home/name}, with
     * {@code options} added to its command line ({@code --peer 127.0.0.1:PORT}, say); returns once it listens.
     */
    public static ServerProcess start(Path home, String name, String... options) {
        return new ServerProcess(name, home, List.of(options), 0);
    }

    /** {@code --peer} for each of {@code peers}, as options for {@link #start}. */
    public static String[] peering(List<HostPort> peers) {
        return peers.stream().flatMap(p -> Stream.of("--peer", p.toString())).toArray(String[]::new);
    }

    /** Reads the process's first line, the one that says where it listens; fails with its log if it ends first. */
    private int awaitListening() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        try {
            String line = first.get(START.toMillis(), TimeUnit.MILLISECONDS);
            Matcher m = line == null ? null : LISTENING.matcher(line);
            if (m == null || !m.find()) {
                throw failure("did not say where it listens; first line " + line);
            }
            Thread.ofVirtual().start(() -> drain(out));
            return Integer.parseInt(m.group(1));
        } catch (TimeoutException e) {
            throw failure("not listening within " + START.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure("output unreadable: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    /** Keeps reading what else it prints, so that a full pipe never blocks it. */
    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // nothing else on stdout matters; its log says what went wrong
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private AssertionError failure(String what) {
        process.destroyForcibly();
        return new AssertionError("server " + name + " " + what + "; its log:\n" + logText());
    }

    /** What the server wrote to stderr, over all its starts. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Its name, as peers and users see it. */
    public String name() {
        return name;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Its address, for another server's {@code --peer}. */
    public HostPort address() {
        return new HostPort("127.0.0.1", port);
    }

    /** Kills it as a crash would, SIGKILL to the JVM itself (the launcher execs it), and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts it again as it was, on the same port and data directory; this process must have ended. */
    public ServerProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return new ServerProcess(name, dataDir.getParent(), options, port);
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server " + name + " did not end within " + STOP.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops it as an operator would (SIGTERM); killed if it does not end in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            awaitExit();
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }
}
