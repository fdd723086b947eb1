package linkchat.client.ui;

import java.util.OptionalInt;
import java.util.function.Supplier;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;

import linkchat.client.ChatSession;
import linkchat.client.Incoming;

/**
 * Shows lines above the line being edited, styled by a {@link LineStyle}, and keeps the nick
 * in the prompt.
 *
 * <p>Threads: the connection's reader thread calls the {@link ChatSession.Display} methods (the
 * reading thread too, for the client's own answers, between reads) and touches the reader only
 * through {@code printAbove} (which takes JLine's lock) and the prompt field that call redraws;
 * it never reads input. The reading thread is the only one in {@code readLine};
 * {@link #startRead} runs there, under JLine's lock, as each read starts. {@code promptGuard}
 * orders the two writers of the prompt so the newest nick always wins.
 */
final class TerminalDisplay implements ChatSession.Display {
    /** The prompt until the server says the user's nick; drawn before the line editor has even loaded. */
    static final String FIRST_PROMPT = "> ";

    private final LineReaderImpl reader;
    private final Thread readingThread;
    private final LineStyle style;
    private final StatusBar statusBar;
    private final Supplier<String> server;
    private final Supplier<OptionalInt> online;
    private volatile String state = "connecting";
    private final Object promptGuard = new Object();
    private String nick; // guarded by promptGuard
    private boolean asking; // guarded by promptGuard: a question, not the nick, is the prompt

    /** Serves {@code reader}, whose {@code readLine} runs on {@code readingThread}. */
    TerminalDisplay(LineReaderImpl reader, Thread readingThread, LineStyle style, StatusBar statusBar,
            Supplier<String> server, Supplier<OptionalInt> online) {
        this.reader = reader;
        this.readingThread = readingThread;
        this.style = style;
        this.statusBar = statusBar;
        this.server = server;
        this.online = online;
        reader.getWidgets().put(LineReader.CALLBACK_INIT, this::startRead);
    }

    /** The prompt for the current nick: {@code ala> }, or {@code > } before the welcome. */
    String prompt() {
        synchronized (promptGuard) {
            // readLine expands %-patterns in prompts; a nick may hold a '%'.
            return nick == null ? FIRST_PROMPT : nick.replace("%", "%%") + "> ";
        }
    }

    /**
     * Sets the prompt from the current nick and draws the status line as a read starts. A nick
     * confirmed after the reading thread chose its prompt but before readLine took JLine's lock
     * would otherwise be overwritten by the stale one.
     */
    private boolean startRead() {
        synchronized (promptGuard) {
            if (!asking) {
                reader.setPrompt(prompt());
            }
        }
        statusBar.drawNow();
        return true;
    }

    @Override
    public void rosterChanged() {
        redrawStatus();
    }

    /** Reads one answer to {@code question} on the reading thread; the nick prompt comes back after. */
    String ask(String question) {
        synchronized (promptGuard) {
            asking = true;
        }
        try {
            return reader.readLine(question);
        } finally {
            synchronized (promptGuard) {
                asking = false;
            }
        }
    }

    @Override
    public void show(Incoming line) {
        String own;
        synchronized (promptGuard) {
            own = nick;
        }
        reader.printAbove(line instanceof Incoming.Who who ? style.whoTable(who, own) : style.render(line, own));
        if (!(line instanceof Incoming.Local)) {
            state = "connected";
        }
        redrawStatus();
    }

    /** The line saying the server went away; the prompt and the half-typed line stay. */
    @Override
    public void disconnected(String message) {
        reader.printAbove(message);
        connectionState("disconnected");
    }

    @Override
    public void connectionState(String newState) {
        state = newState;
        redrawStatus();
    }

    /** Puts the current state on the status line: at once while a read runs, else as the next starts. */
    void redrawStatus() {
        String own;
        synchronized (promptGuard) {
            own = nick;
        }
        statusBar.show(server.get(), own, state, online.get());
    }

    /** Records the nick; the {@code printAbove} of the notice that follows redraws the prompt. */
    @Override
    public void nickChanged(String newNick) {
        synchronized (promptGuard) {
            nick = newNick;
            if (!asking) {
                reader.setPrompt(prompt());
            }
        }
    }

    /** Prints the one line and wakes readLine the way JLine's own Ctrl-C handler does. */
    @Override
    public void lost(String message) {
        reader.printAbove(message);
        connectionState("disconnected");
        readingThread.interrupt();
    }
}
