package linkchat.client.ui;

import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.jline.utils.ShutdownHooks;

import linkchat.client.ChatSession;
import linkchat.client.ClientConfig;
import linkchat.client.FailOver;
import linkchat.client.Incoming;
import linkchat.client.PlainClient;

/**
 * The chat client's entry point: a line editor on a terminal, or {@link PlainClient} when the
 * input is not one.
 *
 * <p>Threads: the thread that calls {@code run} is the only one in {@code readLine}; the
 * connection's reader thread only prints above it (see {@link TerminalDisplay}). Ctrl-C drops
 * the line being typed; Ctrl-D leaves like {@code /quit}.
 */
public final class ChatClient {
    /** A paste of more lines than this is sent only once the user says yes: a wrong paste floods everyone. */
    static final int PASTE_UNASKED_LINES = 3;

    private static final Logger LOG = System.getLogger(ChatClient.class.getName());

    private ChatClient() {}

    /**
     * Runs one conversation on the system terminal, or in plain mode when stdin is not a
     * terminal, and returns the exit status: 0 after {@code /quit}, Ctrl-D or the end of piped
     * input; 1 in plain mode if the server could not be reached or went away. On a terminal the
     * client keeps trying while no server answers, and a lost server is one line, then a
     * reconnect that tries each server in turn.
     */
    public static int run(ClientConfig config) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return PlainClient.run(config, System.in, System.out, System.err);
        }
        Ahead.start();
        // The prompt first, as the shells' instant prompts do: JLine takes a few hundred
        // milliseconds to load and set the terminal up. Keys typed meanwhile wait in the
        // terminal's own line buffer, and the line editor reads them as soon as it starts.
        System.out.print(TerminalDisplay.FIRST_PROMPT);
        System.out.flush();
        // The connect and the look-up overlap the terminal's set-up, the slowest part of a start.
        CompletableFuture<ChatSession> connecting = connectAsync(config);
        lookUpCapabilitiesAsync(System.getenv("TERM"));
        // However the JVM ends (SIGTERM, SIGHUP, a crash), the shell must not keep a stale status
        // line. JLine runs its shutdown tasks in order, and its own closes the terminal, after
        // which nothing can be drawn: this task, added first, runs before it.
        AtomicReference<StatusBar> atExit = new AtomicReference<>();
        ShutdownHooks.Task clearStatus = ShutdownHooks.add(() -> {
            StatusBar bar = atExit.get();
            if (bar != null) {
                bar.close();
            }
        });
        try (Terminal terminal = systemTerminal()) {
            return run(config, terminal, connecting, true, atExit);
        } catch (IOException e) {
            connecting.thenAccept(ChatSession::close);
            System.err.println("\r* cannot open the terminal: " + e.getMessage());
            return 1;
        } finally {
            ShutdownHooks.remove(clearStatus);
        }
    }

    /**
     * The terminal the client runs on. JNI only: the exec provider, were it allowed, would run
     * {@code test -t} at every start. A grapheme cluster (an emoji with a skin tone, a flag, a
     * ZWJ sequence, a letter and its accents) is one unit to draw, move over and delete, decided
     * without asking the terminal: JLine's probe waits for the terminal's answers (25 ms at best,
     * a round trip more over ssh) and, in tmux, which lacks the cursor-report capabilities it
     * looks for, finds nothing and falls back to code points, whose widths neither tmux nor
     * modern terminals draw. The one-codepoint-at-a-time model had Ctrl-U leave stale text after
     * {@code ab👍🏽cd} and the cursor move inside clusters, so that what was sent differed from
     * what was shown. {@code -Dorg.jline.terminal.graphemeCluster=false} (in LINKCHAT_JAVA_OPTS)
     * still turns this off.
     */
    private static Terminal systemTerminal() throws IOException {
        TerminalBuilder builder = TerminalBuilder.builder().system(true).name("linkchat")
                .provider(TerminalBuilder.PROP_PROVIDER_JNI);
        if (System.getProperty(TerminalBuilder.PROP_GRAPHEME_CLUSTER) == null) {
            builder.graphemeCluster(true);
        }
        return builder.build();
    }

    /**
     * Runs one conversation on {@code terminal}, which the caller owns and closes; returns the
     * exit status as {@link #run(ClientConfig)} does. Messages go to the terminal.
     */
    public static int run(ClientConfig config, Terminal terminal) {
        return run(config, terminal, connectAsync(config), false, new AtomicReference<>());
    }

    /**
     * Connects on a thread of its own; the future fails with the connect's IOException. A
     * platform thread: a virtual one would first start the scheduler that only it would use.
     */
    private static CompletableFuture<ChatSession> connectAsync(ClientConfig config) {
        CompletableFuture<ChatSession> connecting = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("linkchat-connect").start(() -> {
            try {
                connecting.complete(ChatSession.connectReconnecting(config));
            } catch (IOException | RuntimeException e) {
                connecting.completeExceptionally(e);
            }
        });
        return connecting;
    }

    /**
     * Asks JLine for the capabilities of terminal type {@code type} (null: none) on a thread of
     * its own. JLine runs {@code infocmp} for them, a process that would otherwise hold up the
     * terminal's set-up by 50 ms or more, and keeps the answer for the terminal built next. A
     * failed look-up is left for that build to meet again, and to fall back as it always does.
     */
    private static void lookUpCapabilitiesAsync(String type) {
        if (type == null || type.isEmpty()) {
            return;
        }
        Thread.ofPlatform().daemon().name("linkchat-infocmp").start(() -> {
            try {
                InfoCmp.getInfoCmp(type);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "no capabilities found for terminal type " + type, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * {@code earlyPrompt}: the prompt was drawn before the terminal was built, and must give way
     * to the line editor's. {@code atExit} is given the status bar, for a shutdown task to clear.
     */
    private static int run(ClientConfig config, Terminal terminal, CompletableFuture<ChatSession> connecting,
            boolean earlyPrompt, AtomicReference<StatusBar> atExit) {
        if (earlyPrompt) {
            clearLine(terminal);
        }
        LineStyle style = new LineStyle(config.colour(), Clock.systemDefaultZone());
        ChatSession session = awaitSession(config, terminal, connecting, style);
        LineReaderImpl reader = newReader(terminal, config, session);
        StatusBar statusBar = new StatusBar(terminal, reader);
        atExit.set(statusBar);
        try (session) {
            TerminalDisplay display = new TerminalDisplay(reader, Thread.currentThread(), style, statusBar,
                    session::server, () -> session.roster().online(), config.colour(), config.bell());
            display.redrawStatus();
            statusBar.drawNow(); // nothing else draws yet: the session has not started, nor a read
            session.start(display);
            session.requestRoster(); // for completion; the reply is not shown
            if (earlyPrompt) {
                clearLine(terminal); // keys typed while the reader was built were echoed here
            }
            return converse(session, reader, display);
        } finally {
            statusBar.close();
            saveHistory(reader);
            // A loss may have interrupted this thread outside readLine; the interrupt was ours.
            Thread.interrupted();
        }
    }

    /**
     * The session, once a server answers. With every server down the client says so on one
     * stamped line naming them all, and tries again after the pauses a reconnect takes, for as
     * long as it takes: someone at a terminal would only start it again (Ctrl-C leaves). A new
     * line only when the reason changes, so that an hour's wait is not 700 lines.
     */
    private static ChatSession awaitSession(ClientConfig config, Terminal terminal,
            CompletableFuture<ChatSession> connecting, LineStyle style) {
        String shown = null;
        for (int failures = 0; ; failures++) {
            try {
                return failures == 0 ? joinConnect(connecting) : ChatSession.connectReconnecting(config);
            } catch (IOException e) {
                String line = FailOver.noneAnswered(config.servers(), e) + "; trying until one does (Ctrl-C leaves)";
                if (!line.equals(shown)) {
                    terminal.writer().println(style.render(new Incoming.Local(line), null).toAnsi(terminal));
                    terminal.flush();
                    shown = line;
                }
                try {
                    Thread.sleep(FailOver.retryPause(failures));
                } catch (InterruptedException interrupted) {
                    throw new CompletionException(interrupted);
                }
            }
        }
    }

    /** The session the connect under way opens, or the IOException it fails with. */
    private static ChatSession joinConnect(CompletableFuture<ChatSession> connecting) throws IOException {
        try {
            return connecting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Takes the cursor back to the start of its line and clears the line. */
    private static void clearLine(Terminal terminal) {
        terminal.puts(InfoCmp.Capability.carriage_return);
        terminal.puts(InfoCmp.Capability.clr_eol);
        terminal.flush();
    }

    /** The input loop: one readLine at a time until the user leaves or the server goes away. */
    private static int converse(ChatSession session, LineReader reader, TerminalDisplay display) {
        while (!session.isLost()) {
            String line;
            try {
                line = reader.readLine(display.prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C, or a loss waking us: the loop condition tells them apart
            } catch (EndOfFileException e) {
                session.leave("");
                break;
            } catch (IOError e) {
                // The terminal itself is gone: nobody is left to type, so leave politely.
                LOG.log(Level.DEBUG, "terminal failed", e);
                session.leave("");
                break;
            }
            if (!submit(session, reader, display, line)) {
                break;
            }
        }
        return session.isLost() ? 1 : 0;
    }

    /**
     * Submits what one readLine returned: a pasted buffer may hold several lines, each sent
     * as its own chat line, and more than {@link #PASTE_UNASKED_LINES} only if the user agrees.
     */
    private static boolean submit(ChatSession session, LineReader reader, TerminalDisplay display, String typed) {
        List<String> lines = typed.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() > PASTE_UNASKED_LINES && !confirm(reader, display, "send " + lines.size() + " lines? [y/N] ")) {
            display.show(new Incoming.Local("* not sent"));
            return true;
        }
        for (String line : lines) {
            if (!session.submit(line)) {
                return false;
            }
        }
        return true;
    }

    /** Asks a yes-or-no question; anything but y or yes is no, Ctrl-C and Ctrl-D too. */
    private static boolean confirm(LineReader reader, TerminalDisplay display, String question) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String answer = display.ask(question).strip().toLowerCase(Locale.ROOT);
            return answer.equals("y") || answer.equals("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    /** The builder's reader is a LineReaderImpl; the prompt must be settable while a read runs. */
    private static LineReaderImpl newReader(Terminal terminal, ClientConfig config, ChatSession session) {
        // Chat text is not shell input: quotes and backslashes are text, not syntax.
        DefaultParser words = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("linkchat")
                // Loaded as the first read starts; each accepted line is appended to the file at once.
                .history(new DefaultHistory())
                .variable(LineReader.HISTORY_FILE, config.historyFile())
                .parser(words)
                .completer(new ChatCompleter(session.roster(), session::lastPrivate))
                // Chat text is not shell input: '!' and '\' must reach the server as typed.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                // A sent line gives way to the server's echo of it (shown pending meanwhile), as in irssi.
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .build();
        return (LineReaderImpl) reader;
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not save the history", e);
        }
    }
}
