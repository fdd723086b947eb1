package linkchat.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import linkchat.wire.Frames;

/**
 * One bench connection: {@link #run} connects, takes the client's nick, then reads every frame
 * until the connection ends, checking each delivery and timing it. Runs on its own virtual
 * thread, which owns the {@link Checker} and {@link Histogram}; others read those only after it
 * ended. Other threads may call {@link #output} (a sender, after the start barrier),
 * {@link #quit}, {@link #close} and the progress getters.
 */
final class BenchClient implements Runnable {
    private static final System.Logger LOG = System.getLogger(BenchClient.class.getName());

    /** Largest frame accepted from a server: any payload the protocol allows, so foreign traffic never breaks a run. */
    private static final int MAX_PAYLOAD = Frames.MAX_PAYLOAD_CEILING;

    private static final String WELCOME = "* welcome";
    private static final String RENAMED = "* you are now known as ";
    private static final String ERROR = "* error: ";

    private final int index;
    private final String nick;
    private final InetSocketAddress server;
    private final BenchConfig config;
    private final long epoch;
    private final int ownSender;
    private final Semaphore window;
    private final CountDownLatch joined;
    private final CountDownLatch finished;
    private final Socket socket = new Socket();
    private final Checker checker;
    private final Histogram latency = new Histogram();
    private final Payload.Parsed parsed;
    private final AtomicLong arrivals = new AtomicLong();
    private long measured;
    private long lastArrival;
    private volatile boolean ready;
    private volatile boolean leaving;
    private volatile String failure;
    private volatile String notice;

    /**
     * Client {@code index} of a run whose nicks start with {@code nickPrefix}; it is sender
     * {@code ownSender} (-1 if it only receives) with {@code window} limiting its messages in
     * flight (null for unlimited). It counts down {@code joined} once named or failed, and
     * {@code finished} once it has every message or its connection ended.
     */
    BenchClient(int index, String nickPrefix, BenchConfig config, long epoch, int ownSender, Semaphore window,
            CountDownLatch joined, CountDownLatch finished) {
        this.index = index;
        this.nick = nickPrefix + index;
        this.server = config.serverOf(index);
        this.config = config;
        this.epoch = epoch;
        this.ownSender = ownSender;
        this.window = window;
        this.joined = joined;
        this.finished = finished;
        this.checker = new Checker(config.senders(), config.total());
        this.parsed = new Payload.Parsed(nickPrefix);
    }

    @Override
    public void run() {
        boolean complete = false;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()));
            FrameScanner scanner = new FrameScanner(socket.getInputStream(), MAX_PAYLOAD);
            join(scanner);
            ready = true;
            joined.countDown();
            complete = receive(scanner);
            if (!complete && !leaving) {
                failure = where() + ": the server closed the connection" + (notice == null ? "" : " (" + notice + ")");
            }
            while (scanner.next()) {
                noteIfNotice(scanner);
            }
        } catch (IOException e) {
            if (!leaving) {
                failure = where() + ": " + e.getMessage() + (notice == null ? "" : " (" + notice + ")");
            }
            LOG.log(Level.DEBUG, "bench client {0} ended: {1}", nick, e.getMessage());
        } finally {
            if (!ready) {
                joined.countDown();
            }
            if (!complete) {
                finished.countDown();
            }
            close();
        }
    }

    private String where() {
        return nick + " on " + server.getHostString() + ":" + server.getPort();
    }

    /** Waits for the welcome, asks for the nick and waits for the server to confirm it. */
    private void join(FrameScanner scanner) throws IOException {
        String line = nextLine(scanner);
        if (!line.startsWith(WELCOME)) {
            throw new IOException("expected a welcome, got: " + line);
        }
        send("/nick " + nick);
        String confirmation = RENAMED + nick;
        while (!(line = nextLine(scanner)).equals(confirmation)) {
            if (line.startsWith(ERROR)) {
                throw new IOException("could not take the nick " + nick + ": " + line);
            }
        }
    }

    private static String nextLine(FrameScanner scanner) throws IOException {
        if (!scanner.next()) {
            throw new IOException("the server closed the connection while joining");
        }
        return scanner.text();
    }

    /**
     * Checks and times every delivery until all messages of all senders have arrived (true,
     * after counting down {@code finished}) or the connection ends (false).
     */
    private boolean receive(FrameScanner scanner) throws IOException {
        long expected = (long) config.senders() * config.total();
        long unique = 0;
        while (unique < expected) {
            if (!scanner.next()) {
                return false;
            }
            if (!parsed.parse(scanner.buffer(), scanner.offset(), scanner.length())) {
                noteIfNotice(scanner);
                continue;
            }
            Checker.Verdict verdict = checker.accept(parsed.sender, parsed.seq);
            if (verdict == Checker.Verdict.FIRST || verdict == Checker.Verdict.REORDERED) {
                unique++;
                arrived(scanner.arrivedAt());
            }
        }
        finished.countDown();
        return true;
    }

    /** Books the first arrival of the message just parsed. */
    private void arrived(long at) {
        if (parsed.sender == ownSender && window != null) {
            window.release();
        }
        if (parsed.seq >= config.warmup()) {
            latency.record(at - epoch - parsed.sentAt);
            measured++;
            lastArrival = at;
        }
        arrivals.lazySet(arrivals.get() + 1);
    }

    /** Keeps the last error notice, such as the server's "not reading fast enough", for the report. */
    private void noteIfNotice(FrameScanner scanner) {
        byte[] b = scanner.buffer();
        int off = scanner.offset();
        if (scanner.length() > ERROR.length() && b[off] == '*' && scanner.text().startsWith(ERROR)) {
            notice = scanner.text();
        }
    }

    /** Sends one payload as one frame on the raw socket: for commands, never while a sender is sending. */
    void send(String payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(Frames.encode(payload));
        out.flush();
    }

    /** Leaves politely; the server then closes the connection, which ends {@link #run}. */
    void quit() {
        leaving = true;
        try {
            send("/quit");
        } catch (IOException e) {
            close();
        }
    }

    /** Cuts the connection; {@link #run} then ends. Safe from any thread, any number of times. */
    void close() {
        leaving = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing bench client {0} failed: {1}", nick, e.getMessage());
        }
    }

    /** The connection's output stream, for this client's sender. */
    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    /** True once the bench itself quit or closed this connection: errors after that are no failure. */
    boolean leaving() {
        return leaving;
    }

    /** The index of this client in the run. */
    int index() {
        return index;
    }

    /** True once the nick was confirmed. */
    boolean ready() {
        return ready;
    }

    /** Why the connection failed, or null; a connection closed by the bench itself is no failure. */
    String failure() {
        return failure;
    }

    /** The last {@code * error:} notice the server sent, or null. */
    String notice() {
        return notice;
    }

    /** First arrivals so far, warm-up included; any thread may poll it. */
    long arrivals() {
        return arrivals.get();
    }

    /** The checker; read it only after {@link #run} ended. */
    Checker checker() {
        return checker;
    }

    /** Send-to-receive times of measured messages; read only after {@link #run} ended. */
    Histogram latency() {
        return latency;
    }

    /** First arrivals of measured messages; read only after {@link #run} ended. */
    long measured() {
        return measured;
    }

    /** {@link System#nanoTime} of the last measured first arrival, 0 if none; read only after {@link #run} ended. */
    long lastArrival() {
        return lastArrival;
    }
}
