package linkchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The client without a terminal, for pipes and scripts: each input line goes to the server,
 * each server line is printed on its own line, and the end of input quits.
 *
 * <p>Threads: a virtual thread reads the input, so that a server going away ends the run even
 * while the input blocks; the connection's reader thread prints; the caller only waits.
 */
public final class PlainClient {
    private static final Logger LOG = System.getLogger(PlainClient.class.getName());

    private PlainClient() {}

    /**
     * Runs one conversation and returns the exit status: 0 after {@code /quit} or the end of
     * input, 1 if the connection failed or was lost (then one line on {@code err} says so).
     */
    public static int run(ClientConfig config, InputStream in, PrintStream out, PrintStream err) {
        ChatSession session;
        try {
            session = ChatSession.connect(config);
        } catch (IOException e) {
            err.println(ChatSession.cannotConnect(config, e));
            return 1;
        }
        CompletableFuture<Integer> status = new CompletableFuture<>();
        try (session) {
            session.start(new Display() {
                @Override
                public void show(Incoming line) {
                    out.println(line.raw()); // as it came: scripts read these lines, no time, no colour
                    out.flush();
                }

                @Override
                public void nickChanged(String nick) {
                    // No prompt to update.
                }

                @Override
                public void lost(String message) {
                    err.println(message);
                    err.flush();
                    status.complete(1);
                }
            });
            Thread.ofVirtual().name("linkchat-plain-input").start(() -> status.complete(pump(session, in)));
            return status.join();
        }
    }

    /** Sends every input line until {@code /quit} or the end of input; returns the exit status. */
    private static int pump(ChatSession session, InputStream in) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while (!session.isLost() && (line = lines.readLine()) != null) {
                if (!session.submit(line)) {
                    return session.isLost() ? 1 : 0;
                }
            }
        } catch (IOException e) {
            // Input that cannot be read has ended as far as we can tell.
            LOG.log(Level.DEBUG, "reading the input failed", e);
        }
        session.leave("");
        return session.isLost() ? 1 : 0;
    }
}
