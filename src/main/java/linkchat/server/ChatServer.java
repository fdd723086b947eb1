package linkchat.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import linkchat.wire.Frames;

/**
 * A chat server: binds, accepts each client onto a virtual thread of its own, and shuts down in
 * order. {@link #close} may be called from any thread, any number of times.
 */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());

    /** How long shutdown waits for clients to take their last notice before cutting them: keeps exit under 2 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofMillis(1_200);

    /** The longest close may take, cut connections and all: SIGTERM ends the process within 2 s. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofMillis(1_800);

    /** Pause after a failed accept (such as running out of file descriptors), so the loop cannot spin. */
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(50);

    /** Pending connections the kernel may queue: room for a burst of clients arriving at once. */
    private static final int BACKLOG = 1_024;

    /**
     * Refused TLS connections whose notice may wait at once for their handshakes: past this, more
     * are closed without one, so a flood of refused connections cannot pin threads and sockets.
     */
    private static final int REFUSALS_AT_ONCE = 64;

    private final ServerConfig config;
    private final Hub hub;
    private final ServerSocket listener;
    private final Map<ClientSession, Thread> sessions = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    /** Refused TLS connections still handshaking to get their notice; closed at shutdown. */
    private final Set<Socket> refusing = ConcurrentHashMap.newKeySet();
    private final LongAdder failures = new LongAdder();
    private final LineBudget lines;
    private final WhoReplies whoReplies = new WhoReplies();
    private final Arrivals arrivals;
    /** A full server or a reconnect loop refuses thousands a second: those must not drown the log. */
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread acceptor;
    private final PeerGate gate;
    private final DiskLog log;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean logFailed;

    private ChatServer(ServerConfig config, ServerSocket listener, DiskLog log, Function<Hub, PeerGate> gates) {
        this.config = config;
        this.listener = listener;
        this.log = log;
        this.hub = new Hub(config.name(), log.boot(), config.replayEvents(), config.replaySeconds() * 1_000L,
                config.backlog(), log.journal());
        log.restore(hub);
        this.gate = gates.apply(hub);
        this.arrivals = new Arrivals(config.connectRate(), ServerConfig.CONNECT_BURST);
        this.lines = LineBudget.forPayloads(config.maxPayload());
        this.acceptor = Thread.ofVirtual().name("accept-" + config.name()).unstarted(this::acceptLoop);
    }

    /** Binds and starts accepting, with no links to other servers. */
    public static ChatServer start(ServerConfig config) throws IOException {
        return start(config, hub -> null);
    }

    /**
     * Binds and starts accepting; returns once connections are being accepted. {@code gates}
     * makes the handler of server links for the new hub (or null for a server that takes none).
     */
    public static ChatServer start(ServerConfig config, Function<Hub, PeerGate> gates) throws IOException {
        return start(config, null, gates);
    }

    /**
     * Binds and starts accepting, over TLS when {@code tls} is not null (each connection's
     * handshake then runs on its own session thread, never on the accept loop).
     */
    public static ChatServer start(ServerConfig config, SSLContext tls, Function<Hub, PeerGate> gates) throws IOException {
        AtomicReference<ChatServer> started = new AtomicReference<>();
        // The log is read back before the port opens: nobody may join a server that has not yet recalled its history.
        DiskLog log = DiskLog.open(config, e -> Thread.ofPlatform().name("log-failed").start(() -> {
            if (started.get() != null) {
                started.get().logFailed();
            }
        }));
        ServerSocket listener = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), BACKLOG);
        } catch (IOException e) {
            listener.close();
            log.close();
            throw new IOException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        ChatServer server = new ChatServer(config, listener, log, gates);
        started.set(server);
        server.acceptor.start();
        return server;
    }

    /**
     * The log failed to take a write: nothing more may be delivered (it would go out without being
     * kept), so the server stops, and {@link #logFailed()} says why it stopped.
     */
    private void logFailed() {
        logFailed = true;
        LOG.log(Level.ERROR, "server {0} stops: its event log in {1} can no longer be written", config.name(), config.dataDir());
        close();
    }

    /** True if the server stopped because its event log could not be written. */
    public boolean stoppedByLogFailure() {
        return logFailed;
    }

    /** Waits until the server has closed, by {@link #close} or because its log failed. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The handler of server links, or null for a server that takes none. */
    public PeerGate gate() {
        return gate;
    }

    /** The hub where this server's members meet. */
    public Hub hub() {
        return hub;
    }

    private void acceptLoop() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closing.get()) {
                    break;
                }
                LOG.log(Level.WARNING, "accept failed; retrying", e);
                pause(ACCEPT_BACKOFF);
                continue;
            }
            if (closing.get()) {
                // Accepted as the listener closed: refused, since close() waits for this loop to end
                // before it tells the others; a TLS one without a word, as that needs a handshake.
                if (socket instanceof SSLSocket) {
                    closeQuietly(socket);
                } else {
                    refuse(socket, farewell());
                }
                break;
            }
            if (!admit(socket)) {
                continue;
            }
            ClientSession session = new ClientSession(socket, hub, config, gate, lines, whoReplies, this::ended);
            Thread thread = Thread.ofVirtual().name("client-" + socket.getRemoteSocketAddress()).unstarted(session);
            sessions.put(session, thread);
            thread.start();
        }
    }

    /**
     * Applies the connection limits: a refused connection gets one notice frame and is closed. A
     * fresh plain socket's buffer always takes the frame, so that never blocks the accept loop;
     * over TLS the write must first run the handshake, which waits on the client, so it runs on
     * a thread of its own.
     */
    private boolean admit(Socket socket) {
        int fromThere = perAddress.merge(socket.getInetAddress(), 1, Integer::sum);
        String refusal = null;
        if (sessions.size() >= config.maxClients()) {
            refusal = "* error: server " + config.name() + " is full (" + config.maxClients() + " connections)";
        } else if (config.maxPerAddress() > 0 && fromThere > config.maxPerAddress()) {
            refusal = "* error: too many connections from " + socket.getInetAddress().getHostAddress()
                    + " (at most " + config.maxPerAddress() + ")";
        } else if (!arrivals.admit(socket.getInetAddress())) {
            refusal = "* error: too many new connections from " + socket.getInetAddress().getHostAddress()
                    + " (at most " + config.connectRate() + " a second); try again in a moment";
        }
        if (refusal == null) {
            return true;
        }
        release(socket.getInetAddress());
        refusals.refused("refused " + socket.getRemoteSocketAddress() + ": " + refusal.substring("* error: ".length()));
        if (!(socket instanceof SSLSocket)) {
            refuse(socket, refusal);
        } else if (refusing.size() < REFUSALS_AT_ONCE && refusing.add(socket)) {
            String notice = refusal;
            Thread.ofVirtual().name("refuse-" + socket.getRemoteSocketAddress()).start(() -> refuse(socket, notice));
        } else {
            closeQuietly(socket);
        }
        return false;
    }

    /** Writes a refused connection's notice (a TLS handshake first, within the frame timeout) and closes it. */
    private void refuse(Socket socket, String refusal) {
        try (socket) {
            socket.setSoTimeout(config.frameTimeoutMillis());
            socket.getOutputStream().write(Frames.encode(refusal));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "refusal not delivered: {0}", e.getMessage());
        } finally {
            refusing.remove(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a refused socket failed: {0}", e.getMessage());
        }
    }

    /** A session is over: its slot is free for the next connection. */
    private void ended(ClientSession session) {
        if (session.failed()) {
            failures.increment();
        }
        sessions.remove(session);
        release(session.address());
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * Stops accepting, tells every client the server is shutting down, and waits (at most
     * {@link #SHUTDOWN_GRACE}, then cuts) for every session thread to end. Idempotent. The accept
     * loop is waited for first: a session it started after the others were told would otherwise
     * run on past close.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the listener failed: {0}", e.getMessage());
        }
        Instant start = Instant.now();
        Instant deadline = start.plus(SHUTDOWN_GRACE);
        join(acceptor, deadline);
        hub.close();
        refusing.forEach(ChatServer::closeQuietly);
        // Clients are told first: they take their notice while the links close.
        sessions.keySet().forEach(s -> s.shutdown(farewell()));
        if (gate != null) {
            gate.close();
        }
        joinAll(deadline);
        sessions.keySet().forEach(ClientSession::abort);
        joinAll(start.plus(SHUTDOWN_LIMIT));
        try {
            log.close(); // last: everything delivered is written and synced before the directory is let go
        } catch (UncheckedIOException e) {
            LOG.log(Level.ERROR, e.getMessage());
        } finally {
            closed.countDown();
        }
    }

    private String farewell() {
        return "* server " + config.name() + " is shutting down";
    }

    private void joinAll(Instant deadline) {
        for (Thread t : sessions.values()) {
            join(t, deadline);
        }
    }

    private static void join(Thread t, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            if (!left.isNegative()) {
                t.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sessions that ended on a bug (logged at WARNING with the exception) since the server started. */
    public long sessionFailures() {
        return failures.sum();
    }

    /** Number of client connections open now. */
    public int connections() {
        return sessions.size();
    }
}
