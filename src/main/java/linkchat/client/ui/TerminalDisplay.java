package linkchat.client.ui;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.InfoCmp;

import linkchat.client.Display;
import linkchat.client.Incoming;
import linkchat.client.Pending;

/**
 * Shows lines above the line being edited, styled by a {@link LineStyle}, and keeps the nick
 * in the prompt. Our own lines not yet echoed by the server sit between the two, marked
 * {@code (sending)}: they are part of the prompt, so that lines arriving meanwhile go above them
 * and the echo, when it comes, takes their place.
 *
 * <p>Threads: the connection's reader thread calls the {@link Display} methods (the
 * reading thread too, for the client's own answers, between reads) and touches the reader only
 * through {@code printAbove} (which takes JLine's lock) and the prompt field that call redraws;
 * it never reads input. The reading thread is the only one in {@code readLine};
 * {@link #startRead} runs there, under JLine's lock, as each read starts. {@code promptGuard}
 * orders the two writers of the prompt so the newest nick always wins.
 */
final class TerminalDisplay implements Display {
    /** The prompt until the server says the user's nick; drawn before the line editor has even loaded. */
    static final String FIRST_PROMPT = "> ";

    /** Most pending lines shown above the prompt; a long paste is summed up in one more line. */
    static final int PENDING_SHOWN = 3;

    /** Where a pending line's stamp would be: it has no time until the server echoes it. */
    private static final String NO_STAMP = "      ";

    private final LineReaderImpl reader;
    private final Thread readingThread;
    private final LineStyle style;
    private final StatusBar statusBar;
    private final Supplier<String> server;
    private final Supplier<OptionalInt> online;
    private final boolean colour;
    private final boolean bell;
    private volatile String state = "connecting";
    private final Object promptGuard = new Object();
    private String nick; // guarded by promptGuard
    private boolean asking; // guarded by promptGuard: a question, not the nick, is the prompt
    private List<Pending.Line> pending = List.of(); // guarded by promptGuard

    /**
     * Serves {@code reader}, whose {@code readLine} runs on {@code readingThread}; lines that
     * name the user are highlighted ({@code colour}) or marked, and ring the bell if {@code bell}.
     */
    TerminalDisplay(LineReaderImpl reader, Thread readingThread, LineStyle style, StatusBar statusBar,
            Supplier<String> server, Supplier<OptionalInt> online, boolean colour, boolean bell) {
        this.reader = reader;
        this.readingThread = readingThread;
        this.style = style;
        this.statusBar = statusBar;
        this.server = server;
        this.online = online;
        this.colour = colour;
        this.bell = bell;
        reader.getWidgets().put(LineReader.CALLBACK_INIT, this::startRead);
    }

    /** The prompt for the current nick: {@code ala> }, or {@code > } before the welcome; pending lines above it. */
    String prompt() {
        synchronized (promptGuard) {
            String own = nick == null ? FIRST_PROMPT : nick + "> ";
            // readLine expands %-patterns in prompts; a nick or a line may hold a '%'.
            return (pendingLines() + own).replace("%", "%%");
        }
    }

    /** The pending lines as the prompt's first rows, styled; empty when there are none. */
    private String pendingLines() {
        if (pending.isEmpty()) {
            return "";
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        int hidden = pending.size() - PENDING_SHOWN;
        if (hidden > 0) {
            out.append(NO_STAMP).append("(" + hidden + " more sending)\n");
        }
        for (Pending.Line line : pending.subList(Math.max(0, hidden), pending.size())) {
            out.append(NO_STAMP).append(style.pending(line, nick)).append('\n');
        }
        return out.toAnsi(reader.getTerminal());
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
    public void pendingChanged(List<Pending.Line> lines) {
        synchronized (promptGuard) {
            pending = lines;
            if (!asking) {
                reader.setPrompt(prompt());
            }
        }
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
        AttributedString text = line instanceof Incoming.Who who ? style.whoTable(who, own) : style.render(line, own);
        boolean mention = Mentions.names(line, own);
        if (mention) {
            text = Mentions.show(line, text, Wrapping.STAMP_COLUMNS, own, colour);
        }
        // Wrapped here rather than by the terminal, which would break words and start rows at column 0.
        reader.printAbove(Wrapping.wrap(text, Wrapping.indentOf(line, text), reader.getTerminal().getWidth()));
        if (mention && bell) {
            reader.getTerminal().puts(InfoCmp.Capability.bell); // once per line that names us
            reader.getTerminal().flush();
        }
        if (!(line instanceof Incoming.Local)) {
            state = "connected";
        }
        redrawStatus();
    }

    /** The line saying the server went away, stamped; the prompt and the half-typed line stay. */
    @Override
    public void disconnected(String message) {
        show(new Incoming.Local(message));
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
        show(new Incoming.Local(message));
        connectionState("disconnected");
        readingThread.interrupt();
    }
}
