package linkchat.client.ui;

import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import linkchat.client.ChatSession;
import linkchat.client.ClientConfig;
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
    private static final Logger LOG = System.getLogger(ChatClient.class.getName());

    private ChatClient() {}

    /**
     * Runs one conversation on the system terminal, or in plain mode when stdin is not a
     * terminal, and returns the exit status: 0 after {@code /quit}, Ctrl-D or the end of piped
     * input; 1 if the server could not be reached or went away.
     */
    public static int run(ClientConfig config) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return PlainClient.run(config, System.in, System.out, System.err);
        }
        // Without this, building the terminal probes it for grapheme support and waits for the answer.
        System.setProperty(TerminalBuilder.PROP_GRAPHEME_CLUSTER, "false");
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("linkchat").build()) {
            return run(config, terminal);
        } catch (IOException e) {
            System.err.println("* cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs one conversation on {@code terminal}, which the caller owns and closes; returns the
     * exit status as {@link #run(ClientConfig)} does. Messages go to the terminal.
     */
    public static int run(ClientConfig config, Terminal terminal) {
        ChatSession session;
        try {
            session = ChatSession.connect(config);
        } catch (IOException e) {
            terminal.writer().println(ChatSession.cannotConnect(config, e));
            terminal.flush();
            return 1;
        }
        LineReaderImpl reader = newReader(terminal, config);
        try (session) {
            TerminalDisplay display = new TerminalDisplay(reader, Thread.currentThread());
            session.start(display);
            return converse(session, reader, display);
        } finally {
            saveHistory(reader);
            // A loss may have interrupted this thread outside readLine; the interrupt was ours.
            Thread.interrupted();
        }
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
            if (!session.submit(line)) {
                break;
            }
        }
        return session.isLost() ? 1 : 0;
    }

    /** The builder's reader is a LineReaderImpl; the prompt must be settable while a read runs. */
    private static LineReaderImpl newReader(Terminal terminal, ClientConfig config) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("linkchat")
                .history(new DefaultHistory())
                .variable(LineReader.HISTORY_FILE, config.historyFile())
                // Chat text is not shell input: '!' and '\' must reach the server as typed.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
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
