package linkchat.client;

import java.util.ArrayList;
import java.util.List;

import linkchat.wire.Sanitizer;

/**
 * Our own chat lines and actions that were sent and not yet echoed back, oldest first. The
 * server sends every user's lines back to them in the order they were sent, so the first echo
 * that matches confirms its line and shows that the server dropped any sent before it.
 *
 * <p>Threads: the input thread adds, the connection's reader thread confirms; one lock.
 */
public final class Pending {
    /** The server's answer, in place of an echo, to a line over its length limit (PROTOCOL.md part 2). */
    static final String TOO_LONG = "* error: line too long";

    /** One line awaiting its echo: a chat line, or the text of a {@code /me}; as the server will clean it. */
    public record Line(boolean action, String text) {}

    private final List<Line> lines = new ArrayList<>();

    /** Remembers a line about to be sent, unless the server will drop it (blank once cleaned). */
    synchronized boolean add(boolean action, String typed) {
        String text = Sanitizer.clean(typed).strip();
        if (text.isEmpty()) {
            return false;
        }
        lines.add(new Line(action, text));
        return true;
    }

    /**
     * Takes what {@code line}, just received while our nick is {@code own}, confirms or refuses:
     * the matching echo and every line before it, or the oldest line if it was too long.
     * Returns whether any line was taken.
     */
    synchronized boolean settle(Incoming line, String own) {
        if (lines.isEmpty() || own == null) {
            return false;
        }
        if (line.raw().startsWith(TOO_LONG)) {
            lines.removeFirst();
            return true;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (echoes(line, own, lines.get(i))) {
                lines.subList(0, i + 1).clear();
                return true;
            }
        }
        return false;
    }

    /** Forgets every line, e.g. when the connection is lost; returns them. */
    synchronized List<Line> drain() {
        List<Line> all = List.copyOf(lines);
        lines.clear();
        return all;
    }

    /** The lines still awaiting their echo, oldest first. */
    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** An action is echoed as {@code * ala waves}, or by newer servers as a chat line {@code ala: * waves}. */
    private static boolean echoes(Incoming line, String own, Line sent) {
        return switch (line) {
            case Incoming.Chat chat -> chat.nick().equals(own)
                    && chat.text().equals(sent.action() ? Incoming.NOTICE + sent.text() : sent.text());
            case Incoming.Notice notice -> sent.action() && notice.raw().equals(Incoming.NOTICE + own + " " + sent.text());
            default -> false;
        };
    }
}
