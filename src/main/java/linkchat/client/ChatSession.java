package linkchat.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import linkchat.wire.Command;
import linkchat.wire.HostPort;

/**
 * The client's side of one conversation, free of any UI: it turns typed lines into frames,
 * learns its own nick from the server's notices, and tells a {@link Display} what arrives. Its
 * chat lines, actions and private lines go through {@link Outgoing}, which holds each until the
 * server acks it and sends it again to the next server after a loss.
 *
 * <p>Threads: {@link #submit} and {@link #leave} belong to the one input thread, {@link #requestRoster}
 * to it and to the reader (after a split, say). The display is called on the connection's reader
 * thread, and on the input thread for the client's own answers ({@code /help}). {@link #isLost},
 * {@link #nick} and {@link #roster} may be read from any thread; {@link #close} too. A
 * reconnecting session runs one virtual thread per outage, in which its {@link FailOver} finds a
 * server and the session swaps the connection under {@code swap} and sends; {@link #leave} stops it.
 * {@link #await} is for the input thread of piped input.
 */
public final class ChatSession implements AutoCloseable {
    /** How long {@code /quit} waits for the server's goodbye and close before closing anyway. */
    public static final Duration QUIT_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(ChatSession.class.getName());
    /** The reason a {@code /reconnect} gives the server for leaving: the others see {@code * ala left (reconnecting)}. */
    private static final String REJOINING = "reconnecting";
    private static final String RECONNECT_ASKED = "reconnect asked for";
    /** The server's answer to a quit: not shown for the quit of a {@code /reconnect}, which is not a goodbye. */
    private static final String BYE = "* bye";

    /**
     * Notices that say who is reachable has changed in ways the join and leave notices do not
     * spell out (PROTOCOL.md part 2): after each the roster is asked for again.
     */
    private static final List<String> REACHABILITY = List.of("* linked to ", "* lost link to ", "* lost contact with ",
            "* now reaching ", "* a user on ");

    /**
     * Where the conversation stands: going, between servers (reconnecting sessions only), ended
     * by us (by quitting), or ended by the server (by going away).
     */
    private enum State { OPEN, RECONNECTING, QUITTING, LOST }

    private final ClientConfig config;
    private final boolean reconnects;
    private final FailOver failOver;
    private final Object swap = new Object(); // orders a reconnect's swap against leave()
    private final RecentLines recent = new RecentLines(Clock.systemUTC());
    private volatile Connection connection;
    private volatile Display display;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final Roster roster = new Roster();
    private final Outgoing outgoing = new Outgoing(new LineIds());
    /** {@code /who} replies still due for requests the user did not type: learnt, not shown. */
    private final AtomicInteger quietWhos = new AtomicInteger();
    private volatile String nick;
    private final Replies replies = new Replies();

    private ChatSession(ClientConfig config, FailOver failOver, Connection connection, boolean reconnects) {
        this.config = config;
        this.failOver = failOver;
        this.connection = connection;
        this.reconnects = reconnects;
        outgoing.connected(connection, failOver.current());
    }

    /** Connects to the first server; a loss ends the session. Nothing is read until {@link #start}. */
    public static ChatSession connect(ClientConfig config) throws IOException {
        FailOver failOver = new FailOver(config.servers(), config.tls());
        return new ChatSession(config, failOver, failOver.connectCurrent().introduce(config.nick()), false);
    }

    /**
     * Connects to the first server that answers, in order; a loss then starts a reconnect that
     * tries the servers in turn (see {@link FailOver}). The exception is the first server's if
     * none answers.
     */
    public static ChatSession connectReconnecting(ClientConfig config) throws IOException {
        FailOver failOver = new FailOver(config.servers(), config.tls());
        return new ChatSession(config, failOver, failOver.connectFirst().introduce(config.nick()), true);
    }


    /** Starts delivering lines to {@code display}; the nick wanted was asked for as the connection opened. */
    public void start(Display display) {
        this.display = display;
        attach(connection);
    }

    /** Starts reading {@code c}; callbacks from a connection that has since been replaced are ignored. */
    private void attach(Connection c) {
        c.start(new Connection.Listener() {
            @Override
            public void onLine(String line) {
                receive(Incoming.parse(line), display);
            }

            @Override
            public void onClosed(String reason) {
                if (c != connection) {
                    return;
                }
                String message = "* connection to " + failOver.current() + " lost: " + reason;
                roster.forget();
                if (reconnects && state.compareAndSet(State.OPEN, State.RECONNECTING)) {
                    showAll(outgoing.disconnected());
                    display.disconnected(message + "; reconnecting");
                    String wanted = nick != null ? nick : config.nick(); // lost before the welcome came: still the one asked for
                    Thread.ofVirtual().name("linkchat-reconnect").start(() -> reconnect(wanted));
                } else if (state.compareAndSet(State.OPEN, State.LOST)) {
                    showAll(outgoing.abandoned(null));
                    display.lost(message);
                }
            }
        });
    }

    /** Finds a server again, joining it as {@code wantedNick} (unless null), then asks for the roster. */
    private void reconnect(String wantedNick) {
        boolean back = failOver.reconnect(new FailOver.Session() {
            @Override
            public void connectionState(String newState) {
                display.connectionState(newState);
            }

            @Override
            public boolean adopt(Connection c, HostPort server) {
                int resent;
                synchronized (swap) {
                    if (state.get() != State.RECONNECTING) {
                        return false;
                    }
                    try {
                        c.introduce(wantedNick);
                    } catch (IOException e) {
                        // Gone already: its reader, attached below, reports the loss, and a new reconnect starts.
                        LOG.log(Level.DEBUG, "server went away as we rejoined", e);
                    }
                    connection = c;
                    quietWhos.set(0); // replies to the old connection's requests will never come
                    state.set(State.OPEN);
                    resent = outgoing.connected(c, server); // a line typed meanwhile is held and goes after these
                }
                display.show(new Incoming.Local("* reconnected to " + server));
                if (resent > 0) {
                    display.show(new Incoming.Local("* resent " + resent + (resent == 1 ? " line" : " lines")));
                }
                attach(c); // only now: the new server's welcome and echoes come after these two notices
                return true;
            }
        });
        if (back) {
            pendingChanged();
            requestRoster();
        }
    }

    /**
     * Handles one typed line and returns whether the conversation goes on. {@code /quit} is
     * handled here; everything else goes to the server as typed, which judges it.
     */
    public boolean submit(String line) {
        if (line.isBlank()) {
            return true; // an empty chat line would only be noise for everyone else
        }
        if (CommandTable.isReconnect(line)) {
            reconnectNow();
            return true;
        }
        line = replies.expand(line, display);
        if (line == null) {
            return true;
        }
        Command command = Command.parse(line);
        boolean local = command instanceof Command.Quit || command instanceof Command.Help;
        boolean held = command instanceof Command.Say || command instanceof Command.Me || command instanceof Command.Msg;
        if (state.get() == State.RECONNECTING && !local && !held) {
            display.show(new Incoming.Local("* not connected; not sent (up-arrow recalls it)"));
            return true;
        }
        switch (command) {
            case Command.Quit quit -> {
                leave(quit.reason());
                return false;
            }
            case Command.Help _ -> CommandTable.helpLines().forEach(help -> display.show(new Incoming.Local(help)));
            // The prompt follows the server's confirmation, not the request: it may refuse.
            case Command.Nick _ -> send(line);
            // Held until acked, and sent again after a fail-over; between servers, held until one is found.
            case Command.Say say -> hold(Pending.Kind.SAY, null, say.text(), line);
            case Command.Me me -> hold(Pending.Kind.ACTION, null, me.action(), line);
            case Command.Msg msg -> hold(Pending.Kind.PRIVATE, msg.to(), msg.text(), line);
            case Command.Who _, Command.Links _, Command.Invalid _ -> send(line);
        }
        return true;
    }

    /**
     * {@code /reconnect}: while reconnecting, tries at once; while connected, leaves and
     * reconnects without the first pause, as after a loss. It leaves with a {@code /quit} and
     * waits (up to {@link #QUIT_GRACE}) for the server to close, so our old self is gone before
     * our new self asks for the nick: cut at once, the new connection's join often came first and
     * found the nick still held, and we came back as {@code ala_}.
     */
    private void reconnectNow() {
        if (!reconnects) {
            display.show(new Incoming.Local("* this session does not reconnect"));
            return;
        }
        failOver.retryNow();
        Connection c = connection;
        if (state.get() == State.OPEN) {
            c.ending(RECONNECT_ASKED);
            send("/quit " + REJOINING);
            Thread.ofVirtual().name("linkchat-rejoin").start(() -> {
                try {
                    c.awaitClosed(QUIT_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    c.abort(RECONNECT_ASKED); // a server that does not answer is left without its goodbye
                }
            });
        }
    }

    /** The last user who wrote to us privately, whom {@code /reply} answers; null before anyone did. */
    public String lastPrivate() {
        return replies.last();
    }

    /** Sends {@code line}, of {@code kind}, held with {@code text} until the server acks it; one past the hold's bounds is refused. */
    private void hold(Pending.Kind kind, String to, String text, String line) {
        if (!outgoing.send(kind, to, text, line)) {
            display.show(new Incoming.Local("* " + outgoing.held()
                    + " lines are still on their way to the server; not sent (up-arrow recalls it)"));
        }
        pendingChanged();
    }

    /** Shows {@code notices} (lines let go), then the pending lines if they changed. */
    private void showAll(List<Incoming> notices) {
        if (display != null) {
            notices.forEach(display::show);
            pendingChanged();
        }
    }

    private void pendingChanged() {
        List<Pending.Line> lines = outgoing.changedLines();
        if (lines != null) {
            display.pendingChanged(lines);
        }
    }

    /**
     * Waits, as piped input does, until {@code until} holds and returns true; false if the
     * session ended or {@code idle} passed with no line acked.
     */
    boolean await(Outgoing.Until until, Duration idle) throws InterruptedException {
        return outgoing.await(until, () -> state.get() == State.LOST || state.get() == State.QUITTING, idle);
    }

    /** Lets go of the lines still held and returns a notice naming each with {@code why}: when waiting for their acks gave up. */
    List<Incoming> abandon(String why) {
        List<Incoming> notices = outgoing.abandoned(why);
        pendingChanged();
        return notices;
    }

    /**
     * Asks the server who is online without showing the reply: it only fills the {@link #roster}.
     * The input thread calls it, and the reader thread after a change in reachability.
     */
    public void requestRoster() {
        quietWhos.incrementAndGet();
        send("/who");
    }

    /** The nicks believed online. */
    public Roster roster() {
        return roster;
    }

    /** One line from the server: learn from it, then show it unless it answers a quiet request. */
    private void receive(Incoming line, Display display) {
        roster.learn(line);
        replies.heard(line, nick);
        String confirmed = Incoming.ownNick(line.raw());
        if (confirmed != null) {
            String old = nick;
            nick = confirmed;
            if (old != null) {
                roster.remove(old);
            }
            roster.add(confirmed);
            display.nickChanged(confirmed);
        }
        if (line instanceof Incoming.Who && quietWhos.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            display.rosterChanged();
            return;
        }
        if (line instanceof Incoming.Notice && REACHABILITY.stream().anyMatch(line.raw()::startsWith)) {
            requestRoster();
        }
        line = outgoing.received(line, nick);
        pendingChanged();
        if (line == null) {
            return; // an ack, or a refusal or an echo that says nothing new
        }
        if (line.raw().equals(BYE) && state.get() == State.OPEN) {
            return; // our /reconnect's quit: a real one is QUITTING by now
        }
        if (line instanceof Incoming.History history && (!config.backlog() || recent.contains(history.line().raw()))) {
            return; // not wanted, or seen before a reconnect
        }
        if (!(line instanceof Incoming.History)) {
            recent.add(line.raw());
        }
        display.show(line);
    }

    /**
     * Sends {@code /quit [reason]} and waits up to {@link #QUIT_GRACE} for the server to close,
     * then closes. Does nothing if the server is already gone.
     */
    public void leave(String reason) {
        failOver.stop();
        synchronized (swap) {
            if (state.compareAndSet(State.RECONNECTING, State.QUITTING)) {
                showAll(outgoing.abandoned("not confirmed before leaving"));
                return; // no server to say goodbye to; the reconnect, stopped, ends at once
            }
        }
        if (!state.compareAndSet(State.OPEN, State.QUITTING)) {
            return;
        }
        try {
            outgoing.flush(); // lines queued go before the goodbye
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

    /** The server in use, or last tried while reconnecting, as {@code host:port}. */
    public String server() {
        return failOver.current().toString();
    }

    /** Our nick as the server last confirmed it, or null before the welcome. */
    public String nick() {
        return nick;
    }

    /** Closes the connection without a goodbye; idempotent. */
    @Override
    public void close() {
        failOver.stop();
        synchronized (swap) {
            state.compareAndSet(State.OPEN, State.QUITTING);
            state.compareAndSet(State.RECONNECTING, State.QUITTING);
        }
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
}
