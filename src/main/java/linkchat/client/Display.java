package linkchat.client;

import java.util.List;

/**
 * Where a {@link ChatSession}'s lines go. Called from the connection's reader thread, from the
 * thread that reconnects after an outage and from the thread that calls
 * {@link ChatSession#submit}, one at a time per line but not always from the same thread: an
 * implementation must be safe to call from any of them (a terminal's {@code printAbove} is).
 */
public interface Display {
    /** Shows one line: sanitized from the server, or the client's own. */
    void show(Incoming line);

    /** The server confirmed our nick; called before the notice that says so is shown. */
    void nickChanged(String nick);

    /** The server went away while we were not leaving; {@code message} is the one line to show. */
    void lost(String message);

    /** The server went away and the session is reconnecting; {@code message} is the one line to show. */
    default void disconnected(String message) {
        lost(message);
    }

    /** How the connection stands, for a status line: "connected", "reconnecting in 2 s", ... */
    default void connectionState(String state) {
        // Plain output has no status line.
    }

    /** The session's {@link ChatSession#roster} changed without a line to show, e.g. by a quiet {@code /who} reply. */
    default void rosterChanged() {
        // Plain output has no status line.
    }

    /**
     * Our lines held (sent or due to be, not yet acked) and not yet echoed, oldest first;
     * called before the line that settles one is shown. A terminal shows them as pending where
     * the typed line was.
     */
    default void pendingChanged(List<Pending.Line> lines) {
        // Plain output prints the echo alone, as it always did.
    }
}
