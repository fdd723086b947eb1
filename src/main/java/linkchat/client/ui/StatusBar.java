package linkchat.client.ui;

import java.util.List;

import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The line at the bottom of the terminal: server, nick, connection state, users online. On a
 * terminal that cannot keep a line apart (a dumb one) it shows nothing and costs nothing.
 *
 * <p>Threads: any thread may call {@link #show}. The bar is only ever drawn under JLine's lock,
 * by a widget while a read runs or by {@link #drawNow} as one starts, because the line
 * editor redraws the same {@link Status} under that lock: drawn from outside it, the two would
 * interleave (and JLine's display tables do not survive two threads). Between reads a new state
 * is kept and drawn as the next read starts.
 */
final class StatusBar {
    private static final String WIDGET = "linkchat-status";

    private final Status status; // null when the terminal has no room for one
    private final LineReaderImpl reader;
    private volatile AttributedString line = AttributedString.EMPTY;

    StatusBar(Terminal terminal, LineReaderImpl reader) {
        this.reader = reader;
        boolean capable = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        this.status = capable ? Status.getStatus(terminal) : null;
        reader.getWidgets().put(WIDGET, () -> {
            draw();
            return true;
        });
    }

    /** Shows the given state, e.g. {@code s1 127.0.0.1:2000 | ala | connected | 3 online}. */
    void show(String server, String nick, String state, int users) {
        if (status == null) {
            return;
        }
        line = new AttributedString(" " + server + " | " + (nick == null ? "-" : nick) + " | " + state
                + " | " + users + " online ", AttributedStyle.INVERSE);
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

    /** Gives the terminal its last line back. */
    void close() {
        if (status != null) {
            status.close();
        }
    }

    private synchronized void draw() {
        status.update(List.of(line));
    }
}
