package linkchat.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import linkchat.wire.Frames;

/**
 * One bench connection. {@link #run} connects, takes the client's nick and hands the connection
 * to a {@link Receiver}, whose thread then calls {@link #onReadable} whenever bytes arrive: it
 * checks each delivery and times it, so thousands of connections cost no thread each and a
 * delivery no thread switch. Until the hand-over {@link #run}'s thread owns the {@link Checker}
 * and {@link Histogram}, then the receiver's; others read those only after the connection ended.
 * With {@link BenchConfig.Receivers#THREADS} there is no receiver: {@link #run}, on a platform
 * thread of its own, goes on reading its blocking socket one frame at a time until the
 * connection ends, and owns the checker throughout.
 * Other threads may call {@link #output} (a sender, after the start barrier), {@link #quit},
 * {@link #close} and the progress getters.
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
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Receiver receiver;
    private final SocketChannel channel;
    private final ChannelOutput output;
    private final FrameScanner scanner;
    private final Checker checker;
    private final Histogram latency = new Histogram();
    private final Payload.Parsed parsed;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicBoolean over = new AtomicBoolean();
    private final long expected;
    private long unique;
    private long measured;
    private long lastArrival;
    private volatile boolean ready;
    private volatile boolean leaving;
    private volatile String failure;
    private volatile String notice;

    /**
     * Client {@code index} of a run whose nicks start with {@code nickPrefix}, read by
     * {@code receiver} once named (null: by its own thread, for the threads kind); it is sender {@code ownSender} (-1 if it only receives) with
     * {@code window} limiting its messages in flight (null for unlimited). It counts down
     * {@code joined} once named or failed, and {@code finished} once it has every message or its
     * connection ended.
     */
    BenchClient(int index, String nickPrefix, BenchConfig config, long epoch, int ownSender, Semaphore window,
            CountDownLatch joined, CountDownLatch finished, Receiver receiver) throws IOException {
        this.index = index;
        this.nick = nickPrefix + index;
        this.server = config.serverOf(index);
        this.config = config;
        this.epoch = epoch;
        this.ownSender = ownSender;
        this.window = window;
        this.joined = joined;
        this.finished = finished;
        this.receiver = receiver;
        this.checker = new Checker(config.senders(), config.total());
        this.parsed = new Payload.Parsed(nickPrefix);
        this.expected = (long) config.senders() * config.total();
        this.channel = SocketChannel.open();
        this.output = new ChannelOutput(channel);
        this.scanner = new FrameScanner((b, off, len) -> channel.read(ByteBuffer.wrap(b, off, len)), MAX_PAYLOAD,
                receiver == null);
    }

    /**
     * Connects and joins (blocking), then hands the connection to the receiver, or without one
     * reads it here until it ends.
     */
    @Override
    public void run() {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(server.getHostString(), server.getPort()));
            join();
            if (receiver == null) {
                ready = true;
                joined.countDown();
                readFrames();
                return;
            }
            // Non-blocking before any sender may write: switching later would wait for a blocked write.
            channel.configureBlocking(false);
            ready = true;
            joined.countDown();
            receiver.add(this);
        } catch (IOException e) {
            fail(e);
            end();
        } finally {
            if (!ready) {
                joined.countDown();
            }
        }
    }

    /** Registers the joined, non-blocking connection with {@code selector}; the receiver's thread calls it. */
    void register(Selector selector) {
        try {
            channel.register(selector, SelectionKey.OP_READ, this);
            // Deliveries may have come in with the nick's confirmation.
            take();
        } catch (IOException | RuntimeException e) {
            fail(e);
            end();
        }
    }

    /**
     * Reads what arrived and takes every whole frame; false once the connection ended (the
     * receiver then forgets it). Called only by the receiver's thread.
     */
    boolean onReadable() {
        try {
            if (scanner.readSome() < 0) {
                closedByServer();
                return false;
            }
            take();
            return true;
        } catch (IOException | RuntimeException e) {
            fail(e);
            end();
            return false;
        }
    }

    /** The threads kind's loop: blocking reads of each frame's header, then its payload, until the connection ends. */
    private void readFrames() {
        try {
            take();
            while (scanner.next()) {
                takeFrame();
            }
            closedByServer();
        } catch (IOException | RuntimeException e) {
            fail(e);
            end();
        }
    }

    /** The server closed the connection: a failure unless everything had arrived or the bench was leaving. */
    private void closedByServer() {
        if (unique < expected && !leaving) {
            failure = where() + ": the server closed the connection" + (notice == null ? "" : " (" + notice + ")");
        }
        end();
    }

    private String where() {
        return nick + " on " + server.getHostString() + ":" + server.getPort();
    }

    /** Waits for the welcome, asks for the nick and waits for the server to confirm it. */
    private void join() throws IOException {
        String line = nextLine();
        if (!line.startsWith(WELCOME)) {
            throw new IOException("expected a welcome, got: " + line);
        }
        send("/nick " + nick);
        String confirmation = RENAMED + nick;
        while (!(line = nextLine()).equals(confirmation)) {
            if (line.startsWith(ERROR)) {
                throw new IOException("could not take the nick " + nick + ": " + line);
            }
        }
    }

    private String nextLine() throws IOException {
        if (!scanner.next()) {
            throw new IOException("the server closed the connection while joining");
        }
        return scanner.text();
    }

    /**
     * Checks and times every whole frame buffered. Once all messages of all senders have
     * arrived it counts down {@code finished}, and goes on noting notices until the connection ends.
     */
    private void take() throws IOException {
        while (scanner.poll()) {
            takeFrame();
        }
    }

    /** Checks and times the scanner's current frame. */
    private void takeFrame() {
        if (unique == expected || !parsed.parse(scanner.buffer(), scanner.offset(), scanner.length())) {
            noteIfNotice(scanner);
            return;
        }
        Checker.Verdict verdict = checker.accept(parsed.sender, parsed.seq);
        if (verdict == Checker.Verdict.FIRST || verdict == Checker.Verdict.REORDERED) {
            arrived(scanner.arrivedAt());
            if (++unique == expected) {
                finished.countDown();
            }
        }
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

    private void fail(Exception e) {
        if (!leaving) {
            failure = where() + ": " + e.getMessage() + (notice == null ? "" : " (" + notice + ")");
        }
        LOG.log(Level.DEBUG, "bench client {0} ended: {1}", nick, e.getMessage());
    }

    /**
     * The connection is over: closes it and counts it as finished if it did not get everything.
     * The receiver calls it, or the bench once the receiver stopped, for a connection it cut.
     */
    void end() {
        if (over.compareAndSet(false, true)) {
            if (unique < expected) {
                finished.countDown();
            }
            close();
            ended.countDown();
        }
    }

    /** Keeps the last error notice, such as the server's "not reading fast enough", for the report. */
    private void noteIfNotice(FrameScanner scanner) {
        byte[] b = scanner.buffer();
        int off = scanner.offset();
        if (scanner.length() > ERROR.length() && b[off] == '*' && scanner.text().startsWith(ERROR)) {
            notice = scanner.text();
        }
    }

    /** Sends one payload as one frame on the connection: for commands, never while a sender is sending. */
    void send(String payload) throws IOException {
        output.write(Frames.encode(payload));
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
            channel.close();
            output.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing bench client {0} failed: {1}", nick, e.getMessage());
        }
    }

    /** The connection's output stream, for this client's sender. */
    OutputStream output() {
        return output;
    }

    /** Waits up to {@code nanos} for the connection to end; true if it has. */
    boolean awaitEnd(long nanos) throws InterruptedException {
        return ended.await(nanos, TimeUnit.NANOSECONDS);
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
