package linkchat.client.ui;

import java.util.List;
import java.util.OptionalInt;

import org.jline.keymap.KeyMap;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

import linkchat.client.Roster;

/**
 * The line at the bottom of the terminal: server, nick, connection state, users online. On a
 * terminal that cannot keep a line apart (a dumb one) it shows nothing and costs nothing.
 *
 * <p>Threads: any thread may call {@link #show}. The bar is only ever drawn under JLine's lock,
 * by a widget while a read runs or by {@link #drawNow} as one starts, because the line
 * editor redraws the same {@link Status} under that lock: drawn from outside it, the two would
 * interleave (and JLine's display tables do not survive two threads). Between reads a new state
 * is kept and drawn as the next read starts.
 *
 * <p>Size: JLine resizes the bar on SIGWINCH while a read runs; each drawing checks the size
 * too, for a resize between reads. Ctrl-L clears the screen and draws the bar anew.
 * {@link #close} takes the bar off the screen and gives the rows back, once, from any thread.
 */
final class StatusBar {
    private static final String WIDGET = "linkchat-status";
    private static final String CLOSE_WIDGET = "linkchat-status-close";
    private static final String CLEAR_WIDGET = "linkchat-clear-screen";

    private final Status status; // null when the terminal has no room for one
    private final LineReaderImpl reader;
    private final Terminal terminal;
    private volatile AttributedString line = AttributedString.EMPTY;
    private boolean closed; // guarded by this

    StatusBar(Terminal terminal, LineReaderImpl reader) {
        this.reader = reader;
        this.terminal = terminal;
        boolean capable = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        this.status = capable ? Status.getStatus(terminal) : null;
        reader.getWidgets().put(WIDGET, () -> {
            draw();
            return true;
        });
        reader.getWidgets().put(CLOSE_WIDGET, () -> {
            closeNow();
            return true;
        });
        reader.getWidgets().put(CLEAR_WIDGET, this::clearScreen);
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(CLEAR_WIDGET), KeyMap.ctrl('L'));
    }

    /** Shows the given state, e.g. {@code 127.0.0.1:2000 | ala | connected | 3 online}; {@code ? online} while unknown (see {@link Roster#shown}). */
    void show(String server, String nick, String state, OptionalInt users) {
        if (status == null) {
            return;
        }
        line = new AttributedString(" " + server + " | " + (nick == null ? "-" : nick) + " | " + state
                + " | " + Roster.shown(users) + " online ",
                AttributedStyle.INVERSE);
        if (reader.isReading()) {
            try {
                reader.callWidget(WIDGET);
            } catch (IllegalStateException e) {
                // The read ended between the check and the call: the next one draws this state.
            }
        }
    }

    /**
     * Draws the latest state at once. Only for the reading thread as a read starts (under
     * JLine's lock), or before anything else uses the reader or calls {@link #show}.
     */
    void drawNow() {
        if (status != null) {
            draw();
        }
    }

    /**
     * Clears the bar's row and gives the terminal its last line back; idempotent, and safe from
     * any thread (a shutdown hook's too): during a read it runs under JLine's lock.
     */
    void close() {
        if (status == null) {
            return;
        }
        if (reader.isReading()) {
            try {
                reader.callWidget(CLOSE_WIDGET);
                return;
            } catch (IllegalStateException e) {
                // The read ended meanwhile: nobody else draws now.
            }
        }
        closeNow();
    }

    private synchronized void closeNow() {
        if (!closed) {
            closed = true;
            status.hide(); // JLine's own redraws then draw nothing either
            status.close();
            terminal.flush();
        }
    }

    private synchronized void draw() {
        if (!closed) {
            status.resize(); // nothing unless the size changed since the last drawing
            status.update(List.of(line));
        }
    }

    /**
     * Ctrl-L: learns the terminal's size afresh, as a SIGWINCH that was missed would have told
     * the line editor, then clears the screen, which redraws the prompt and the bar.
     */
    private boolean clearScreen() {
        terminal.raise(Terminal.Signal.WINCH);
        return reader.clearScreen();
    }
}
