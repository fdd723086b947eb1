package linkchat.client.ui;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;

import linkchat.client.ChatSession;

/**
 * Shows server lines above the line being edited and keeps the nick in the prompt.
 *
 * <p>Threads: the connection's reader thread calls the {@link ChatSession.Display} methods and
 * touches the reader only through {@code printAbove} (which takes JLine's lock) and the prompt
 * field that call redraws; it never reads input. The reading thread is the only one in
 * {@code readLine}; {@link #refreshPrompt} runs there, under JLine's lock, as each read starts.
 * {@code promptGuard} orders the two writers of the prompt so the newest nick always wins.
 */
final class TerminalDisplay implements ChatSession.Display {
    private final LineReaderImpl reader;
    private final Thread readingThread;
    private final Object promptGuard = new Object();
    private String nick; // guarded by promptGuard

    /** Serves {@code reader}, whose {@code readLine} runs on {@code readingThread}. */
    TerminalDisplay(LineReaderImpl reader, Thread readingThread) {
        this.reader = reader;
        this.readingThread = readingThread;
        reader.getWidgets().put(LineReader.CALLBACK_INIT, this::refreshPrompt);
    }

    /** The prompt for the current nick: {@code ala> }, or {@code > } before the welcome. */
    String prompt() {
        synchronized (promptGuard) {
            // readLine expands %-patterns in prompts; a nick may hold a '%'.
            return nick == null ? "> " : nick.replace("%", "%%") + "> ";
        }
    }

    /**
     * Sets the prompt from the current nick. A nick confirmed after the reading thread chose its
     * prompt but before readLine took JLine's lock would otherwise be overwritten by the stale one.
     */
    private boolean refreshPrompt() {
        synchronized (promptGuard) {
            reader.setPrompt(prompt());
        }
        return true;
    }

    @Override
    public void show(String line) {
        reader.printAbove(line);
    }

    /** Records the nick; the {@code printAbove} of the notice that follows redraws the prompt. */
    @Override
    public void nickChanged(String newNick) {
        synchronized (promptGuard) {
            nick = newNick;
            reader.setPrompt(prompt());
        }
    }

    /** Prints the one line and wakes readLine the way JLine's own Ctrl-C handler does. */
    @Override
    public void lost(String message) {
        reader.printAbove(message);
        readingThread.interrupt();
    }
}
