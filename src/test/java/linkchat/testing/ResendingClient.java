package linkchat.testing;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A raw-protocol client that sends as linkchat's client does across a fail-over: each line as
 * {@code /line ID TEXT}, held until the server's {@code * ack ID}; when its server goes, it joins
 * the next of its list and resends every line still held, with the same ids, before any new one.
 * Like linkchat's client it resends the last few lines acknowledged too, first (see
 * {@link #connect}; the client keeps 100). It keeps what a user would be shown: each chat line that arrives live, and
 * each backlog line ({@code * history}) not already shown, as the client's recent lines leave
 * them out. A reader thread of its own reads and reconnects; {@link #send} and the accessors may
 * be called from any thread.
 */
public final class ResendingClient implements AutoCloseable {
    /** Longest a move to another server may take: a join on a loaded machine, with every server tried. */
    private static final Duration MOVE = Duration.ofSeconds(20);

    /** Pause after every server refused, before trying them all again. */
    private static final Duration RETRY = Duration.ofMillis(50);

    private static final String ACK = "* ack ";
    private static final String HISTORY = "* history ";

    private final String nick;
    private final String idPrefix;
    private final List<Integer> ports;
    /** Guards the connection and the held lines: a send and a move's resends never interleave. */
    private final Object sending = new Object();
    /** Lines held, and the last {@link #keptAfterAck} acknowledged, by id, in the order first sent. */
    private final Map<String, Line> unsettled = new LinkedHashMap<>();
    private final int keptAfterAck;
    /** Which chat lines it keeps of those it is shown: a watcher of a busy channel needs few. */
    private final Predicate<String> kept;
    private RawClient connection;
    private int server;
    private long sent;
    private long resent;
    /** Guards what was shown and what else came, and is waited on for them. */
    private final Object seen = new Object();
    private final List<String> shown = new ArrayList<>();
    private final Set<String> shownOnce = new HashSet<>();
    private final List<Integer> moves = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long whoReplies;
    private volatile boolean closing;
    private final Thread reader;

    private record Line(String text, boolean acked) {}

    private ResendingClient(String nick, String idPrefix, List<Integer> ports, int keptAfterAck, Predicate<String> kept) {
        this.nick = nick;
        this.kept = kept;
        this.keptAfterAck = keptAfterAck;
        this.idPrefix = idPrefix;
        this.ports = List.copyOf(ports);
        this.connection = join(ports.getFirst());
        this.reader = Thread.ofVirtual().name("resending-" + nick).start(this::read);
    }

    /**
     * Joins the first of {@code ports} as {@code nick}, moving down the list (and round to its
     * head) when a server goes; its line ids are {@code idPrefix.N}. A move resends the last
     * {@code keptAfterAck} lines acknowledged too: an ack says the server kept the line, not that
     * it has passed it on, and a server killed between the two has the line alone until it
     * comes back (if ever), while its sender's later lines go ahead through another.
     */
    public static ResendingClient connect(String nick, String idPrefix, List<Integer> ports, int keptAfterAck) {
        return new ResendingClient(nick, idPrefix, ports, keptAfterAck, line -> true);
    }

    /** A client that only sends what it is told to and keeps of what it is shown only the lines {@code kept} takes. */
    public static ResendingClient watching(String nick, List<Integer> ports, Predicate<String> kept) {
        return new ResendingClient(nick, nick, ports, 0, kept);
    }

    private RawClient join(int port) {
        RawClient c = RawClient.connect(port);
        try {
            c.send("/nick " + nick);
            c.nextStartingWith("* welcome");
            return c;
        } catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** Sends {@code text} under the next id and holds it until its ack; a lost server is the reader's to handle. */
    public void send(String text) {
        synchronized (sending) {
            String id = idPrefix + "." + sent++;
            unsettled.put(id, new Line(text, false));
            try {
                connection.send("/line " + id + " " + text);
            } catch (UncheckedIOException e) {
                // The reader finds the connection gone too, moves, and resends what is held.
            }
        }
    }

    /** Drops its connection as a lost server would: it moves to the next server of its list, resending. */
    public void hop() {
        synchronized (sending) {
            connection.close();
        }
    }

    /** Sends {@code /who}; {@link #awaitWhoReplies} waits for its answer, a round trip. */
    public void who() {
        synchronized (sending) {
            try {
                connection.send("/who");
            } catch (UncheckedIOException e) {
                // as in send: the reader moves; the test asks again
            }
        }
    }

    private void read() {
        while (!closing) {
            RawClient c;
            synchronized (sending) {
                c = connection;
            }
            try {
                take(c.next());
            } catch (AssertionError | UncheckedIOException e) {
                if (closing) {
                    return;
                }
                if (e.getCause() instanceof SocketTimeoutException) {
                    continue;
                }
                try {
                    move();
                } catch (AssertionError stranded) {
                    synchronized (seen) {
                        problems.add(stranded.getMessage());
                        seen.notifyAll();
                    }
                    return;
                }
            }
        }
    }

    private void take(String payload) {
        if (payload.startsWith(ACK)) {
            acknowledged(payload.substring(ACK.length()));
            return;
        }
        synchronized (seen) {
            if (payload.startsWith(HISTORY)) {
                String line = payload.substring(payload.indexOf(' ', HISTORY.length()) + 1);
                if (kept.test(line) && shownOnce.add(line)) {
                    shown.add(line);
                }
            } else if (payload.matches("\\* \\d+ users? online.*")) {
                whoReplies++;
            } else if (payload.startsWith("* error") || payload.contains(" were lost")) {
                problems.add(payload);
            } else if (!payload.startsWith("* ") && kept.test(payload)) {
                shownOnce.add(payload);
                shown.add(payload);
            }
            seen.notifyAll();
        }
    }

    /** Marks line {@code id} acknowledged, and forgets the eldest acknowledged beyond {@link #keptAfterAck}. */
    private void acknowledged(String id) {
        synchronized (sending) {
            Line line = unsettled.get(id);
            if (line == null) {
                return;
            }
            unsettled.put(id, new Line(line.text(), true));
            long acked = unsettled.values().stream().filter(Line::acked).count();
            for (Iterator<Line> it = unsettled.values().iterator(); acked > keptAfterAck && it.hasNext();) {
                if (it.next().acked()) {
                    it.remove();
                    acked--;
                }
            }
        }
    }

    /** Joins the next server that answers and resends every held line on it, in the order first sent. */
    private void move() {
        synchronized (sending) {
            connection.close();
            connection = joinNext();
            synchronized (seen) {
                moves.add(shown.size());
            }
            resent += unsettled.size();
            try {
                unsettled.forEach((id, line) -> connection.send("/line " + id + " " + line.text()));
            } catch (UncheckedIOException e) {
                // gone again: the reader moves on once more
            }
        }
    }

    /** The next server of the list that lets it join, trying each in turn for up to {@link #MOVE}. */
    private RawClient joinNext() {
        long deadline = System.nanoTime() + MOVE.toNanos();
        while (true) {
            for (int tried = 0; tried < ports.size(); tried++) {
                server = (server + 1) % ports.size();
                try {
                    return join(ports.get(server));
                } catch (UncheckedIOException | AssertionError e) {
                    if (System.nanoTime() > deadline) {
                        closing = true;
                        throw new AssertionError(nick + " found no server within " + MOVE.toSeconds() + " s", e);
                    }
                }
            }
            try {
                Thread.sleep(RETRY.toMillis()); // every server refused: nothing to wait on but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits up to {@code max} until what was shown satisfies {@code wanted}; false if it did not, or a server told of a problem first. */
    public boolean awaitShown(Predicate<List<String>> wanted, Duration max) throws InterruptedException {
        return await(() -> wanted.test(shown) || !problems.isEmpty(), max) && problems.isEmpty();
    }

    /** Waits up to {@code max} until {@code count} answers to {@link #who} have come in all; false if they did not. */
    public boolean awaitWhoReplies(long count, Duration max) throws InterruptedException {
        return await(() -> whoReplies >= count, max);
    }

    /** Waits on {@link #seen}, which every frame taken notifies, until {@code done} (called holding it); false if {@code max} passed or it closed first. */
    private boolean await(BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (seen) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closing) {
                    return false;
                }
                seen.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** The chat lines shown so far, as "nick: text", in the order shown. */
    public List<String> shown() {
        synchronized (seen) {
            return List.copyOf(shown);
        }
    }

    /** How many lines had been shown at each move to another server, in order. */
    public List<Integer> moves() {
        synchronized (seen) {
            return List.copyOf(moves);
        }
    }

    /** Errors and loss notices the servers sent it. */
    public List<String> problems() {
        synchronized (seen) {
            return List.copyOf(problems);
        }
    }

    /** Lines sent and not yet acknowledged. */
    public int held() {
        synchronized (sending) {
            return (int) unsettled.values().stream().filter(l -> !l.acked()).count();
        }
    }

    /** Lines sent again after a move (held or among the last acknowledged), all moves together. */
    public long resent() {
        synchronized (sending) {
            return resent;
        }
    }

    /** Its nick. */
    public String nick() {
        return nick;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (sending) {
            connection.close();
        }
        try {
            reader.join(MOVE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
