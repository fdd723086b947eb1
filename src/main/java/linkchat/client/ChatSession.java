package linkchat.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import linkchat.wire.Command;

/**
 * The client's side of one conversation, free of any UI: it turns typed lines into frames,
 * learns its own nick from the server's notices, and tells a {@link Display} what arrives.
 *
 * <p>Threads: {@link #submit} and {@link #leave} belong to the one input thread. The display is
 * called on the connection's reader thread only. {@link #isLost} and {@link #nick} may be read
 * from any thread; {@link #close} too.
 */
public final class ChatSession implements AutoCloseable {
    /** How long an unreachable server may hold up the start before the client gives up. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@code /quit} waits for the server's goodbye and close before closing anyway. */
    public static final Duration QUIT_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(ChatSession.class.getName());
    private static final Pattern WELCOME = Pattern.compile("\\* welcome to .+, you are (\\S+); /help lists the commands");
    private static final Pattern RENAMED = Pattern.compile("\\* you are now known as (\\S+)");

    /** Where incoming lines go; every method runs on the connection's reader thread. */
    public interface Display {
        /** Shows one sanitized line from the server. */
        void show(String line);

        /** The server confirmed our nick; called before the notice that says so is shown. */
        void nickChanged(String nick);

        /** The server went away while we were not leaving; {@code message} is the one line to show. */
        void lost(String message);
    }

    /** Who ended the conversation: nobody yet, we (by quitting), or the server (by going away). */
    private enum State { OPEN, QUITTING, LOST }

    private final ClientConfig config;
    private final Connection connection;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private volatile String nick;

    private ChatSession(ClientConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    /** Connects to the configured server; nothing is read until {@link #start}. */
    public static ChatSession connect(ClientConfig config) throws IOException {
        return new ChatSession(config, Connection.connect(config.host(), config.port(), CONNECT_TIMEOUT));
    }

    /** The one line to show when {@link #connect} failed. */
    public static String cannotConnect(ClientConfig config, IOException e) {
        return "* cannot connect to " + config.server() + ": " + Connection.describe(e);
    }

    /** Asks for the configured nick, if any, then starts delivering lines to {@code display}. */
    public void start(Display display) {
        if (config.nick() != null) {
            send("/nick " + config.nick());
        }
        connection.start(new Connection.Listener() {
            @Override
            public void onLine(String line) {
                String confirmed = ownNick(line);
                if (confirmed != null) {
                    nick = confirmed;
                    display.nickChanged(confirmed);
                }
                display.show(line);
            }

            @Override
            public void onClosed(String reason) {
                if (state.compareAndSet(State.OPEN, State.LOST)) {
                    display.lost("* connection to " + config.server() + " lost: " + reason);
                }
            }
        });
    }

    /**
     * Handles one typed line and returns whether the conversation goes on. {@code /quit} is
     * handled here; everything else goes to the server as typed, which judges it.
     */
    public boolean submit(String line) {
        if (line.isBlank()) {
            return true; // an empty chat line would only be noise for everyone else
        }
        switch (Command.parse(line)) {
            case Command.Quit quit -> {
                leave(quit.reason());
                return false;
            }
            // The prompt follows the server's confirmation, not the request: it may refuse.
            case Command.Nick _ -> send(line);
            case Command.Say _, Command.Me _, Command.Who _, Command.Help _, Command.Invalid _ -> send(line);
        }
        return true;
    }

    /**
     * Sends {@code /quit [reason]} and waits up to {@link #QUIT_GRACE} for the server to close,
     * then closes. Does nothing if the server is already gone.
     */
    public void leave(String reason) {
        if (!state.compareAndSet(State.OPEN, State.QUITTING)) {
            return;
        }
        try {
            connection.send(reason.isEmpty() ? "/quit" : "/quit " + reason);
            if (!connection.awaitClosed(QUIT_GRACE)) {
                LOG.log(Level.DEBUG, "server did not close within the quit grace; closing");
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send /quit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    /** Whether the server went away while we were not leaving. */
    public boolean isLost() {
        return state.get() == State.LOST;
    }

    /** Our nick as the server last confirmed it, or null before the welcome. */
    public String nick() {
        return nick;
    }

    /** Closes the connection without a goodbye; idempotent. */
    @Override
    public void close() {
        state.compareAndSet(State.OPEN, State.QUITTING);
        connection.close();
    }

    private void send(String payload) {
        try {
            connection.send(payload);
        } catch (IOException e) {
            // The server is gone: closing makes the reader thread report it, once, with this cause.
            connection.abort(Connection.describe(e));
        }
    }

    /** The nick a server notice gives us, or null if the line is not about our own nick. */
    static String ownNick(String line) {
        if (!line.startsWith("* ")) {
            return null;
        }
        Matcher m = WELCOME.matcher(line);
        if (m.matches()) {
            return m.group(1);
        }
        m = RENAMED.matcher(line);
        return m.matches() ? m.group(1) : null;
    }
}
