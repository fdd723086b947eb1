package linkchat.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import linkchat.wire.HostPort;
import linkchat.wire.LineId;

/**
 * Our chat lines, actions and private lines on their way (PROTOCOL.md part 2, "Line ids"): each
 * gets an id and goes out as {@code /line ID TEXT}, and is held in {@link Pending} until the
 * server's {@code * ack ID}. On a new connection every line still held goes out again, in order,
 * with the same ids, before any new one, and before them the last lines another server acked (an
 * ack means kept, not passed on: see {@link Pending}): the federation delivers each id once. A server that does
 * not take ids (one older than them) refuses the first {@code /line} as an unknown command: that
 * connection then gets its lines again without ids, they are settled by their echoes, and a line
 * that went out without its id is never resent, only named if the connection is lost before its
 * echo, since nobody can tell whether it was delivered.
 *
 * <p>Threads: the input thread sends, the reader thread hears, the thread that swaps connections
 * connects. Frames are queued under this object's lock, in order, so a line held across an outage
 * always goes out before a line typed after it; they are written under a second lock that the
 * reader thread never takes, so a write blocked on a server that reads slowly never stops us
 * reading what the server sends (a server waits for our reading before it reads on). Waits are on
 * this object's lock and woken by every change.
 */
final class Outgoing {
    /**
     * Most times a line is sent before the client gives up on it: a line that makes every server
     * drop the connection (one over a server's small {@code --max-payload}, say) would otherwise
     * be resent for ever, reconnect after reconnect.
     */
    static final int MAX_SENDS = 5;

    /** The refusal of a server that does not know {@code /line}. */
    private static final String NO_IDS = "* error: unknown command " + LineId.COMMAND + ";";
    private static final String LOST = "not confirmed before the connection was lost";

    private final LineIds ids;
    private final Pending pending = new Pending();
    private final Object wire = new Object(); // held while frames are written, in queue order
    private final ArrayDeque<String> queue = new ArrayDeque<>(); // frames for the connection, not yet written
    private Connection connection; // null while between servers
    private HostPort server;
    private boolean plain; // this connection's server takes no ids
    private boolean idsTaken; // an ack came on this connection: its server takes ids
    private int unanswered; // /line frames sent on this connection before any ack came
    private int refusalsDue; // unknown-command answers still to come for /line frames, once plain
    private long progress = System.nanoTime(); // when a line last left the hold
    private List<Pending.Line> shown = List.of();

    Outgoing(LineIds ids) {
        this.ids = ids;
    }

    /** Holds one line and sends it unless between servers; returns false, doing nothing, if the hold is full. */
    boolean send(Pending.Kind kind, String to, String text, String payload) {
        synchronized (this) {
            if (!pending.hasRoom()) {
                return false;
            }
            Pending.Held h = pending.hold(ids.next(), kind, to, text, payload);
            if (connection == null) {
                return true; // held until a server is found; a blank one (h null) is as good as sent
            }
            if (h == null) {
                queue.add(payload); // nothing the server will show: nothing to hold
            } else {
                transmit(h);
            }
        }
        flush();
        return true;
    }

    /**
     * Takes {@code c}, just opened to {@code to}, as the connection, and sends it every line held,
     * oldest first; returns how many of them were sent before.
     */
    int connected(Connection c, HostPort to) {
        int resent;
        synchronized (this) {
            connection = c;
            server = to;
            plain = false;
            idsTaken = false;
            unanswered = 0;
            refusalsDue = 0;
            queue.clear();
            pending.ackedElsewhere(to).forEach(this::transmit);
            List<Pending.Held> all = pending.all();
            resent = (int) all.stream().filter(h -> h.sends > 0).count();
            all.forEach(this::transmit);
            notifyAll();
        }
        flush();
        return resent;
    }

    /**
     * The connection is lost and another will be sought: the lines that went out without their
     * id, and those sent {@link #MAX_SENDS} times, are let go; returns a notice naming each.
     */
    synchronized List<Incoming> disconnected() {
        connection = null;
        queue.clear();
        List<Incoming> notices = new ArrayList<>();
        pending.drop(h -> h.plain).forEach(h -> notices.add(notice(LOST, h)));
        pending.drop(h -> h.sends >= MAX_SENDS)
                .forEach(h -> notices.add(notice("given up after " + MAX_SENDS + " sends without an ack", h)));
        settled(!notices.isEmpty());
        return notices;
    }

    /**
     * The session ends, or gives up on its lines: lets every line go, returning a notice naming
     * each and {@code why} (null: the connection was lost), and wakes every wait.
     */
    synchronized List<Incoming> abandoned(String why) {
        List<Incoming> notices = pending.drop(h -> true).stream().map(h -> notice(why == null ? LOST : why, h)).toList();
        settled(true);
        return notices;
    }

    /**
     * Learns from one line from the server, our nick being {@code own}, and returns what to show
     * for it: the line itself; null for nothing (an ack, a refusal of a {@code /line}, an echo
     * already shown); or, for the ack of a line the federation had before a fail-over and so did
     * not echo again, the echo it had.
     */
    synchronized Incoming received(Incoming line, String own) {
        if (line instanceof Incoming.Notice) {
            String raw = line.raw();
            if (raw.startsWith(LineId.ACK) && LineId.valid(raw.substring(LineId.ACK.length()))) {
                return acked(raw.substring(LineId.ACK.length()), own, line);
            }
            if (line.raw().startsWith(NO_IDS)) {
                if (!plain && !idsTaken && unanswered > 0) {
                    return takeNoIds();
                }
                if (plain && refusalsDue > 0) {
                    refusalsDue--;
                    return null;
                }
            }
        }
        int before = pending.size();
        boolean fresh = pending.heard(line, own, plain);
        settled(pending.size() < before); // an echo settles lines on a server without ids
        return fresh ? line : null;
    }

    private Incoming acked(String id, String own, Incoming line) {
        idsTaken = true;
        Pending.Held h = pending.acked(id);
        if (h == null) {
            return ids.isOurs(id) ? null : line; // another's ack is a user's own /line, shown
        }
        settled(true);
        return h.deliveredBefore() && own != null ? Incoming.parse(h.line.echo(own)) : null;
    }

    /** The server refused our first {@code /line}: it gets every line held again, without ids. */
    private Incoming takeNoIds() {
        plain = true;
        refusalsDue = unanswered - 1;
        pending.forgetAcked(); // refused with the rest, and an echo could not be told from theirs
        pending.all().forEach(this::transmit);
        Thread.ofVirtual().name("linkchat-resend").start(this::flush); // the reader thread never writes
        notifyAll(); // nothing awaits an ack now
        return new Incoming.Local("* " + server + " does not take line ids: lines go to it without them,"
                + " and one it has not echoed when it goes away may be lost");
    }

    /** Whether a line may be held now. */
    synchronized boolean hasRoom() {
        return pending.hasRoom();
    }

    /** What {@link #await} waits for: room for one more line, a connection, every line sent with an id acked. */
    enum Until { ROOM, SERVER, ACKED }

    /**
     * Waits until {@code until} holds and returns true, or returns false once {@code gone}
     * holds or {@code idle} has passed with no line settled since the wait began.
     */
    synchronized boolean await(Until until, BooleanSupplier gone, Duration idle) throws InterruptedException {
        BooleanSupplier done = switch (until) {
            case ROOM -> pending::hasRoom;
            case SERVER -> () -> connection != null;
            case ACKED -> () -> pending.size() == 0 || connection != null && plain; // lines sent without ids await no ack
        };
        return await(done, gone, idle);
    }

    private synchronized boolean await(BooleanSupplier done, BooleanSupplier gone, Duration idle) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            long left = Math.max(start, progress) + idle.toNanos() - System.nanoTime();
            if (gone.getAsBoolean() || left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The lines to show as pending if they changed since last asked, else null. */
    synchronized List<Pending.Line> changedLines() {
        List<Pending.Line> now = pending.lines();
        if (now.equals(shown)) {
            return null;
        }
        shown = now;
        return now;
    }

    /** How many lines are held. */
    synchronized int held() {
        return pending.size();
    }

    private void settled(boolean any) {
        if (any) {
            progress = System.nanoTime();
            notifyAll();
        }
    }

    private void transmit(Pending.Held h) {
        h.sends++;
        h.plain |= plain;
        if (!plain && !idsTaken) {
            unanswered++;
        }
        queue.add(plain ? h.payload : LineId.wrap(h.id, h.payload));
        if (plain && h.line.kind() == Pending.Kind.PRIVATE) {
            // Not held, as before ids: its refusal (nobody by that nick) could not be told from others'.
            pending.drop(held -> held == h);
            settled(true);
        }
    }

    /**
     * Writes the queued frames, in order, each to the connection it was queued for; a frame
     * sent past this class (a {@code /quit}) goes after them if this is called first. Never on
     * the reader thread.
     */
    void flush() {
        synchronized (wire) {
            while (true) {
                String frame;
                Connection c;
                synchronized (this) {
                    frame = queue.poll();
                    c = connection;
                }
                if (frame == null) {
                    return;
                }
                try {
                    c.send(frame);
                } catch (IOException e) {
                    // The server is gone: closing makes the reader report it, and the line waits for the next one.
                    c.abort(Connection.describe(e));
                }
            }
        }
    }

    /** {@code * WHY: hello}, {@code * WHY: /me waves} or {@code * WHY: /msg bob hi}. */
    private static Incoming notice(String why, Pending.Held h) {
        Pending.Line l = h.line;
        String typed = switch (l.kind()) {
            case SAY -> l.text();
            case ACTION -> "/me " + l.text();
            case PRIVATE -> "/msg " + l.to() + " " + l.text();
        };
        return new Incoming.Local("* " + why + ": " + typed);
    }
}
