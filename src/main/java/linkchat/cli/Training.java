package linkchat.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The run that trains the image's start-up cache (jlink/train): a server start, then a client
 * start against it, in one JVM, since a cache holds the classes of one run. Not a command:
 * the training script runs it on a terminal of its own and types {@code /quit} once the
 * client's status line shows.
 */
public final class Training {
    /** How long the in-process server may take to listen; a build on a loaded machine is slow, but never this slow. */
    private static final long LISTEN_TIMEOUT_SECONDS = 30;

    /** Pause between looks at the server's port: it runs on a thread of this JVM that tells nobody when it listens. */
    private static final long LOOK_MILLIS = 10;

    private Training() {}

    /** {@code Training HISTORY-FILE}: exits with the client's status; the server's log goes beside the file. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: Training HISTORY-FILE (run by jlink/train)");
            System.exit(Main.USAGE_ERROR);
        }
        String port = Integer.toString(freePort());
        Thread.ofPlatform().daemon().name("training-server").start(() -> Main.run(
                new String[] {"server", "--bind", "127.0.0.1", "--port", port, "--name", "training",
                    "--data-dir", Path.of(args[0]).resolveSibling("training-data").toString()}, // as make run starts one
                System.out, System.err));
        awaitListening(Integer.parseInt(port));
        int status = Main.run(new String[] {"client", "--port", port, "--nick", "trainer", "--history", args[0]},
                System.out, System.err);
        System.exit(status); // the server's shutdown hook stops it; the JVM writes the cache as it exits
    }

    /** A port free a moment ago: the server is told it, for the client to know it too. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTEN_TIMEOUT_SECONDS);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the training server never listened on port " + port, e);
                }
                Thread.sleep(LOOK_MILLIS);
            }
        }
    }
}
