package linkchat.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import linkchat.wire.HostPort;
import linkchat.wire.Sanitizer;

/**
 * Our chat lines, actions and private lines that were sent (or are due to be) and not yet
 * settled, oldest first. A server that takes line ids settles each with its {@code * ack ID};
 * for one that does not, the first echo that matches a line settles it and shows that the server
 * dropped any sent before it, as the server sends every user's lines back in the order sent.
 * Echoes are matched by text in both cases: a line echoed is no longer shown as pending, a line
 * echoed twice (once by each side of a fail-over) is shown once.
 *
 * <p>An ack says the server kept the line, not that it passed it on: a server killed between the
 * two still has it in its log, but the rest of the federation may not hear it until that server
 * is back, after our later lines. So the last {@link #KEPT_AFTER_ACK} lines acked stay here too,
 * settled, and a connection to another server gets them again first ({@link #ackedElsewhere}): a
 * server that had them answers each with its ack alone, one that did not delivers it then, in
 * order, and the old server's copy is known by its id when it comes. The server that acked a line
 * does not get it again: it has the line in its log, or, restarted without one, would deliver it
 * a second time to those who saw it through its links.
 *
 * <p>Not thread-safe: {@link Outgoing} owns it and calls it under its lock.
 */
public final class Pending {
    /** The server's answer, in place of an echo, to a line over its length limit (PROTOCOL.md part 2). */
    static final String TOO_LONG = "* error: line too long";

    /** How a server's refusal starts (PROTOCOL.md part 2). */
    static final String ERROR = "* error: ";

    /**
     * Most lines held at once, and their bytes: what a client keeps for a server that is away,
     * and how far a pipe may run ahead of the acks. Past either, a typed line is refused and
     * piped input waits.
     */
    static final int MAX_LINES = 1_000;

    /** See {@link #MAX_LINES}: a thousand long lines would otherwise be 64 MB. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * Most lines kept after their ack, and their bytes: enough to cover what a killed server had
     * acked and not yet passed on (a link sends within milliseconds), and the lines acked during
     * a split, up to these bounds.
     */
    static final int KEPT_AFTER_ACK = 100;

    /** See {@link #KEPT_AFTER_ACK}. */
    static final int KEPT_BYTES = 64 << 10;

    /** The kinds of line held: a chat line, a {@code /me}, a {@code /msg}. */
    public enum Kind { SAY, ACTION, PRIVATE }

    /** One line as the status area shows it: its kind, the recipient of a private line (else null), its text as the server will clean it. */
    public record Line(Kind kind, String to, String text) {
        /** Whether an echo of it, heard while our nick is {@code own}, is {@code heard}. */
        boolean echoedBy(Incoming heard, String own) {
            return switch (heard) {
                case Incoming.Chat chat -> kind == Kind.SAY && chat.nick().equals(own) && chat.text().equals(text);
                // ala: * waves; a chat line that starts with "* " reads the same.
                case Incoming.Action a -> kind != Kind.PRIVATE && a.nick().equals(own)
                        && (kind == Kind.ACTION ? a.action() : Incoming.ACTION + a.action()).equals(text);
                // An action is echoed by older servers as a notice: * ala waves.
                case Incoming.Notice notice -> kind == Kind.ACTION && notice.raw().equals(Incoming.NOTICE + own + " " + text);
                case Incoming.Private p -> kind == Kind.PRIVATE && p.from().equals(own) && p.to().equalsIgnoreCase(to)
                        && p.text().equals(text);
                default -> false;
            };
        }

        /** The echo a server sends for it when our nick is {@code own}. */
        String echo(String own) {
            return switch (kind) {
                case SAY -> own + ": " + text;
                case ACTION -> own + ": " + Incoming.ACTION + text;
                case PRIVATE -> Incoming.PRIVATE + own + " -> " + to + ": " + text;
            };
        }
    }

    /** A held line and where it stands; the flags "here" are about the current connection. */
    static final class Held {
        final String id;
        final Line line;
        final String payload; // as typed, what goes after "/line ID "
        final int bytes;
        HostPort keptBy; // the server that acked it
        int sends; // connections it went out on
        boolean plain; // went out without its id: its fate cannot be asked again
        boolean echoed; // on any connection
        boolean echoedHere; // or, for a line kept after its ack, answered here
        boolean refusedHere; // an error came while it was the oldest line awaiting an answer here

        Held(String id, Line line, String payload) {
            this.id = id;
            this.line = line;
            this.payload = payload;
            this.bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        }

        /**
         * Whether an ack that came alone means the server had it from before a fail-over (the
         * federation delivered it once already): never echoed, not refused, sent before.
         */
        boolean deliveredBefore() {
            return !echoed && !refusedHere && sends > 1;
        }
    }

    private final List<Held> held = new ArrayList<>();
    private int bytes;
    private final ArrayDeque<Held> kept = new ArrayDeque<>(); // acked, oldest first
    private int keptBytes;
    private HostPort server; // the one connected to, or last

    /** Whether one more line may be held. */
    boolean hasRoom() {
        return held.size() < MAX_LINES && bytes < MAX_BYTES;
    }

    /**
     * Holds a line about to be sent and returns it, or returns null, holding nothing, if the
     * server will drop it (blank once cleaned).
     */
    Held hold(String id, Kind kind, String to, String typed, String payload) {
        String text = Sanitizer.clean(typed).strip();
        if (text.isEmpty()) {
            return null;
        }
        Held h = new Held(id, new Line(kind, to, text), payload);
        held.add(h);
        bytes += h.bytes;
        return h;
    }

    /**
     * Settles the line {@code id} acknowledges and returns it, keeping it for the next connection
     * unless it was refused; null if none is held (a kept line's ack again, once resent, answers
     * it on this connection).
     */
    Held acked(String id) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.id.equals(id)) {
                it.remove();
                bytes -= h.bytes;
                if (!h.refusedHere) {
                    keep(h);
                }
                return h;
            }
        }
        kept.stream().filter(h -> h.id.equals(id)).findFirst().ifPresent(h -> h.echoedHere = true);
        return null;
    }

    private void keep(Held h) {
        h.echoedHere = true; // its ack came after its echo, if any: answered here
        h.keptBy = server;
        kept.addLast(h);
        keptBytes += h.bytes;
        while (kept.size() > KEPT_AFTER_ACK || keptBytes > KEPT_BYTES) {
            keptBytes -= kept.removeFirst().bytes;
        }
    }

    /**
     * Learns from {@code line}, heard while our nick is {@code own} from a server that takes
     * ids unless {@code plain}; returns false if it is an echo already shown, to be left out.
     */
    boolean heard(Incoming line, String own, boolean plain) {
        if (held.isEmpty() && kept.isEmpty() || own == null) {
            return true;
        }
        if (line instanceof Incoming.Notice && line.raw().startsWith(ERROR)) {
            refused(line, plain);
            return true;
        }
        for (Held h : kept) {
            if (!h.echoedHere && h.line.echoedBy(line, own)) {
                boolean again = h.echoed; // a kept line the new server did not have, delivered now
                h.echoed = h.echoedHere = true;
                return !again;
            }
        }
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            if (!h.echoedHere && h.line.echoedBy(line, own)) {
                boolean again = h.echoed;
                h.echoed = h.echoedHere = true;
                if (plain) {
                    settleThrough(i);
                }
                return !again;
            }
        }
        return true;
    }

    /** An error: the answer, as far as can be told, to the oldest line still awaiting one. */
    private void refused(Incoming error, boolean plain) {
        if (plain) {
            if (error.raw().startsWith(TOO_LONG)) {
                settleThrough(0); // the one error that answers a line where its echo would be
            }
            return;
        }
        Stream.concat(kept.stream(), held.stream()).filter(h -> !h.echoedHere && !h.refusedHere).findFirst()
                .ifPresent(h -> h.refusedHere = true);
    }

    private void settleThrough(int index) {
        List<Held> settled = held.subList(0, index + 1);
        settled.forEach(h -> bytes -= h.bytes);
        settled.clear();
    }

    /**
     * Takes {@code server} as the one connected to and returns the lines kept after their ack by
     * another, oldest first, for it to have before the held ones: what is known of the old
     * connection forgotten. A server without ids gets none.
     */
    List<Held> ackedElsewhere(HostPort server) {
        this.server = server;
        kept.forEach(h -> h.echoedHere = h.refusedHere = false);
        List<Held> elsewhere = kept.stream().filter(h -> !server.equals(h.keptBy)).toList();
        kept.stream().filter(h -> server.equals(h.keptBy)).forEach(h -> h.echoedHere = true); // not sent: nothing to answer
        return elsewhere;
    }

    /** Lets the lines kept after their ack go, for a server that cannot tell them by their ids. */
    void forgetAcked() {
        kept.clear();
        keptBytes = 0;
    }

    /** Every line held, oldest first, for a new connection: what is known of the old one forgotten. */
    List<Held> all() {
        held.forEach(h -> h.echoedHere = h.refusedHere = false);
        return List.copyOf(held);
    }

    /** Takes out and returns the lines {@code which} names. */
    List<Held> drop(Predicate<Held> which) {
        List<Held> gone = held.stream().filter(which).toList();
        held.removeAll(gone);
        gone.forEach(h -> bytes -= h.bytes);
        return gone;
    }

    /** How many lines are held. */
    int size() {
        return held.size();
    }

    /** The lines still awaiting their echo, oldest first: what the status area shows as pending. */
    List<Line> lines() {
        return held.stream().filter(h -> !h.echoed).map(h -> h.line).toList();
    }
}
