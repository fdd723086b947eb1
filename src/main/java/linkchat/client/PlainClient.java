package linkchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import linkchat.wire.Command;

/**
 * The client without a terminal, for pipes and scripts: each input line goes to the server,
 * each server line is printed on its own line, and the end of input quits once every line was
 * acked (a server without line ids acks none: then at once). Input waits while the hold of lines
 * not yet acked is full. With more than one server it fails over as the terminal client does:
 * the lines held go again to the next server, and input waits while no server is there. With
 * one server, a loss ends the run.
 *
 * <p>Threads: a virtual thread reads the input, so that a server going away ends the run even
 * while the input blocks; the connection's reader thread prints; the caller only waits.
 */
public final class PlainClient {
    /**
     * How long piped input waits with no line acked: for room in the hold, for a server, and
     * for the last acks before quitting. Long enough for several reconnects (each pause is at
     * most {@link FailOver#MAX_PAUSE}, each connect at most {@link FailOver#CONNECT_TIMEOUT}),
     * short enough that a script learns of servers that are all gone.
     */
    public static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = System.getLogger(PlainClient.class.getName());

    private PlainClient() {}

    /**
     * Runs one conversation and returns the exit status: 0 after {@code /quit} or the end of
     * input once every line was acked, 1 if the connection failed or was lost, or the acks did
     * not come (then lines on {@code err} say so).
     */
    public static int run(ClientConfig config, InputStream in, PrintStream out, PrintStream err) {
        return run(config, in, out, err, ACK_WAIT);
    }

    /** As {@link #run(ClientConfig, InputStream, PrintStream, PrintStream)}, waiting up to {@code ackWait} with no line acked. */
    static int run(ClientConfig config, InputStream in, PrintStream out, PrintStream err, Duration ackWait) {
        boolean failsOver = config.servers().size() > 1;
        ChatSession session;
        try {
            session = failsOver ? ChatSession.connectReconnecting(config) : ChatSession.connect(config);
        } catch (IOException e) {
            err.println(failsOver ? FailOver.noneAnswered(config.servers(), e) : FailOver.cannotConnect(config.servers().getFirst(), e));
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
                public void disconnected(String message) {
                    err.println(message); // and the session finds the next server
                    err.flush();
                }

                @Override
                public void lost(String message) {
                    err.println(message);
                    err.flush();
                    status.complete(1);
                }
            });
            Input input = new Input(session, err, failsOver, ackWait);
            Thread.ofVirtual().name("linkchat-plain-input").start(() -> status.complete(input.pump(in)));
            return status.join();
        }
    }

    /** The input side of one run: {@code failsOver} when there are servers to fail over to. */
    private record Input(ChatSession session, PrintStream err, boolean failsOver, Duration ackWait) {
        /** Sends every input line until {@code /quit} or the end of input; returns the exit status. */
        int pump(InputStream in) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                String line;
                while (!session.isLost() && (line = lines.readLine()) != null) {
                    if (!ready(line)) {
                        return giveUp();
                    }
                    if (!session.submit(line)) {
                        return session.isLost() ? 1 : 0;
                    }
                }
            } catch (IOException e) {
                // Input that cannot be read has ended as far as we can tell.
                LOG.log(Level.DEBUG, "reading the input failed", e);
            }
            if (!ready("/quit")) {
                return giveUp();
            }
            session.leave("");
            return session.isLost() ? 1 : 0;
        }

        /**
         * Waits until {@code line} can go: a chat line once the hold has room; a quit once every
         * line was acked; any other, with servers to fail over to, once one is there. False if
         * the wait gave up.
         */
        private boolean ready(String line) {
            try {
                return switch (Command.parse(line)) {
                    case Command.Say _, Command.Me _, Command.Msg _ -> session.await(Outgoing.Until.ROOM, ackWait);
                    case Command.Quit _ -> session.await(Outgoing.Until.ACKED, ackWait);
                    case Command.Help _ -> true;
                    default -> !failsOver || session.await(Outgoing.Until.SERVER, ackWait);
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Names what was never acked and ends the run with status 1; a loss has been named already. */
        private int giveUp() {
            if (!session.isLost()) {
                long ms = ackWait.toMillis();
                err.println("* no line acknowledged within " + (ms % 1_000 == 0 ? ms / 1_000 + " s" : ms + " ms") + "; giving up");
                session.abandon("not acknowledged").forEach(notice -> err.println(notice.raw()));
                err.flush();
                session.leave("");
            }
            return 1;
        }
    }
}
