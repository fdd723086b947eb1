package linkchat.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import linkchat.wire.Command;
import linkchat.wire.FrameException;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;

/**
 * One client connection: {@link #run} is its reader and owns the socket; its {@link Outbox}
 * starts a virtual thread to write whenever lines wait for the client. Other threads may call
 * only {@link #shutdown} and {@link #abort}.
 */
final class ClientSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    /** Frames queued for one client: bounds the reference array a stalled reader pins. */
    static final int CLIENT_MAX_FRAMES = 32_768;

    /** Bytes queued for one client, counted as if unshared: bounds what one stalled reader can pin. */
    static final long CLIENT_MAX_BYTES = 8L * 1024 * 1024;

    /** Lines a client may miss in a row before it is cut off: a reader that far behind is gone in all but name. */
    static final long CLIENT_MAX_MISSED = 100_000;

    /**
     * Bytes a client may miss in a row before it is cut off, however few the lines: a writer
     * stuck on a client that reads nothing holds the batch it was writing, so this bounds how
     * far back in the conversation any stuck client can pin frames.
     */
    static final long CLIENT_MAX_MISSED_BYTES = 64L * 1024 * 1024;

    /** How long a closing session waits for its writer to deliver the last frames before cutting the socket. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Frames a client may have waiting for it before the server reads its next line: a sender
     * running ahead of its own deliveries is paced by them, far below the outbox's hard limit,
     * so it never overflows the outboxes of readers as fast as itself.
     */
    static final int SELF_LAG_FRAMES = 1_024;

    /**
     * Bytes a second a client may send on average, while it is held to a line rate at all: the
     * line rate alone let 20 clients send 25 MB/s of 64 KB lines, and every reader had to take
     * it. Many times what anyone types; a paste of long lines goes at this pace after the burst.
     */
    static final int BYTES_PER_SECOND = 32 * 1024;

    /** Bytes a client may send at once: four of the longest lines. */
    static final int BYTES_BURST = 256 * 1024;

    /**
     * Bytes of its own replies (errors, /who, /help) a client may leave unread before the server
     * reads its next line: nobody else shares those frames, so this is what each connection can
     * pin beyond the broadcast frames every queue shares.
     */
    static final long SELF_LAG_OWN_BYTES = 16 * 1024;

    private static final byte[] OVERFLOW_NOTICE =
            Frames.encode("* error: you are not reading fast enough; disconnected");
    private static final byte[] BYE = Frames.encode("* bye");

    /**
     * How long a new connection may stay silent before it is taken for a client: links speak at
     * once, but on a loaded machine a dialler's hello took more than 100 ms, and the link was
     * welcomed as a guest. A client that waits to be spoken to is welcomed this much later.
     */
    static final int FIRST_FRAME_WAIT_MS = 500;

    /** Why a link's hello after {@link #FIRST_FRAME_WAIT_MS} of silence is refused: its dialler dials again. */
    static final String LATE_HELLO = "a server link's hello must come within " + FIRST_FRAME_WAIT_MS
            + " ms of connecting; dial again";

    private final Socket socket;
    private final Hub hub;
    private final int maxPayload;
    private final int frameTimeoutMs;
    private final RateLimit rate;
    private final RateLimit byteRate;
    private final PeerGate gate;
    private final LineBudget lines;
    private final WhoReplies whoReplies;
    private LineBudget.Share share;
    private final Consumer<ClientSession> onEnd;
    private final Outbox outbox;
    private volatile boolean failed;
    private final SocketAddress remote;

    // Set and read by the session's own thread only.
    private LentInput in;
    private FrameClock clock;
    private FrameReader reader;
    private Member member;
    private boolean handedOff;
    /** Why the member left, told to everyone; empty for a plain quit. */
    private String reason = "";
    /** True once the member sent /quit. */
    private boolean quit;
    /** Set once the server ends this session: the departure the reader then sees is the server's doing. */
    private volatile boolean stopping;

    /** {@code onEnd} runs once the session is over, before its socket closes, so a client that sees the close may come straight back. */
    ClientSession(Socket socket, Hub hub, ServerConfig config, PeerGate gate, LineBudget lines,
            WhoReplies whoReplies, Consumer<ClientSession> onEnd) {
        this.lines = lines;
        this.whoReplies = whoReplies;
        this.onEnd = onEnd;
        this.socket = socket;
        this.hub = hub;
        this.outbox = new Outbox(CLIENT_MAX_FRAMES, CLIENT_MAX_BYTES, CLIENT_MAX_MISSED, CLIENT_MAX_MISSED_BYTES,
                OVERFLOW_NOTICE, this::closeSoon, hub.journal());
        this.maxPayload = config.maxPayload();
        this.frameTimeoutMs = config.frameTimeoutMillis();
        this.rate = new RateLimit(config.clientRate(), config.clientBurst());
        this.byteRate = new RateLimit(config.clientRate() == 0 ? 0 : BYTES_PER_SECOND, BYTES_BURST);
        this.gate = gate;
        this.remote = socket.getRemoteSocketAddress();
    }

    /**
     * The connection's whole life: opened, its first frame sniffed, then handed to a link or
     * held as a conversation; whatever ends it, the finally gives back what the session took.
     */
    @Override
    public void run() {
        try {
            String first = open();
            if (first != null && PeerCodec.isHello(first)) {
                handOff(first);
                return;
            }
            converse(first);
        } catch (FrameException e) {
            reason = "protocol error";
            outbox.offerLast(Frames.encode("* error: " + e.getMessage()));
            LOG.log(Level.INFO, "{0} broke the frame format: {1}", remote, e.getMessage());
        } catch (EOFException e) {
            reason = "connection lost";
            LOG.log(Level.DEBUG, "{0} ended inside a frame", remote);
        } catch (IOException e) {
            reason = "connection lost";
            LOG.log(Level.DEBUG, "{0} connection ended: {1}", remote, e.getMessage());
        } catch (RuntimeException e) {
            failed = true;
            reason = "server error";
            LOG.log(Level.WARNING, "session of " + remote + " failed", e);
        } finally {
            end();
        }
    }

    /** Why a member left, for the log: its quit (and reason), the server's shutdown, or the end of its connection. */
    private String ending() {
        if (quit) {
            return reason.isEmpty() ? "quit" : "quit (" + reason + ")";
        }
        return !reason.isEmpty() ? reason : stopping ? "server shutting down" : "connection closed by the client";
    }

    /**
     * Sets the socket up (TLS handshake included), starts the outbox's writing and sniffs the
     * first frame: null if the connection stays silent for {@link #FIRST_FRAME_WAIT_MS}, which
     * makes it a client that waits to be spoken to.
     */
    private String open() throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        if (socket instanceof SSLSocket tls) {
            handshake(tls);
        }
        in = new LentInput(socket.getInputStream());
        clock = new FrameClock(socket, in, frameTimeoutMs);
        share = lines.new Share(clock, socket.getInetAddress());
        reader = new FrameReader(clock, maxPayload, share);
        Pump.attach(outbox, socket.getOutputStream(), Thread.ofVirtual().name("client-writer-" + remote).factory(),
                this::writeFailed);
        return awaitByte(FIRST_FRAME_WAIT_MS) ? readFrame() : null;
    }

    /** The connection is another server's: drains the outbox and gives the socket to the link gate, which owns it from now on. */
    private void handOff(String hello) throws IOException {
        if (gate == null) {
            throw new FrameException("this server takes no links");
        }
        share.giveBack();
        outbox.finish();
        awaitWriter();
        handedOff = true;
        gate.serve(socket, in, hello);
    }

    /** Joins the hub and carries out the client's lines, {@code first} (if not null) first, until it quits or the connection ends. */
    private void converse(String first) throws IOException {
        // A first frame /nick NAME is the join's nick (PROTOCOL.md, "Nicks"), not a rename after it.
        String wanted = WantedNick.of(first);
        member = hub.join(outbox, wanted);
        LOG.log(Level.INFO, "{0} connected as {1}", remote, member.nick());
        ClientCommands commands = new ClientCommands(hub, whoReplies, member);
        String payload = wanted == null ? first : null;
        boolean silentSoFar = first == null;
        while (payload != null || (awaitRoom() && awaitByte(0) && (payload = readFrame()) != null)) {
            if (silentSoFar && PeerCodec.isHello(payload)) {
                // A dialler slowed past the first-frame wait: its hello is no chat line for everyone to see.
                throw new FrameException(LATE_HELLO);
            }
            silentSoFar = false;
            byteRate.charge(payload.length());
            Command command = Command.parse(payload);
            if (command instanceof Command.Quit q) {
                quit = true;
                reason = commands.reasonOf(q);
                outbox.offerLast(BYE);
                return;
            }
            commands.handle(command);
            payload = null;
        }
    }

    /** Gives back what the session took: its line budget, its place in the hub, its writer and (unless a link took it) its socket. */
    private void end() {
        if (share != null) {
            share.giveBack();
        }
        if (handedOff) {
            onEnd.accept(this);
            return;
        }
        if (member != null) {
            hub.leave(member, reason);
            LOG.log(Level.INFO, "{0} ({1}) left: {2}", remote, member.nick(), ending());
        }
        outbox.finish();
        awaitWriter();
        onEnd.accept(this);
        closeSocket();
    }

    /**
     * Waits for the next byte without consuming it: true once one is there (or the stream
     * ended), false if {@code timeoutMs} (0: no limit) passed first. An idle client may wait
     * here for hours; a silent new connection is a client that waits to be spoken to.
     */
    private boolean awaitByte(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            in.awaitByte();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /**
     * Before reading more from a client: gives back what its last line held of the line budget,
     * waits for a token of its line rate and for its byte rate's debt to clear, and lets its own queue drain to {@link #SELF_LAG_FRAMES} and
     * {@link #SELF_LAG_OWN_BYTES}; always true.
     */
    private boolean awaitRoom() throws IOException {
        share.giveBack();
        try {
            rate.pace();
            byteRate.awaitCredit();
            outbox.awaitRoom(SELF_LAG_FRAMES, SELF_LAG_OWN_BYTES);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client's queue drained");
        }
    }

    /**
     * Runs the TLS handshake first, all of it within the frame timeout, so a client that never
     * completes it, or trickles it, cannot hold its connection slot. A link is a client until its
     * first frame, so this bounds a TLS link's handshake too.
     */
    private void handshake(SSLSocket tls) throws IOException {
        try {
            TlsHandshake.run(tls, tls, Duration.ofMillis(frameTimeoutMs));
        } catch (SocketTimeoutException e) {
            throw new FrameException("no TLS handshake within " + frameTimeoutMs + " ms");
        }
    }

    /** Reads a frame that has begun: it must be complete within the frame timeout. */
    private String readFrame() throws IOException {
        clock.start();
        try {
            return reader.read();
        } catch (SocketTimeoutException e) {
            throw new FrameException("frame not finished within " + frameTimeoutMs + " ms");
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /** The outbox could not write: the connection is broken, so the reader must not wait on it. */
    private void writeFailed(IOException e) {
        LOG.log(Level.DEBUG, "write to {0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
        closeSocket();
    }

    /** True if the session ended on a bug rather than on anything the client or network did. */
    boolean failed() {
        return failed;
    }

    /** The address the client connected from. */
    InetAddress address() {
        return socket.getInetAddress();
    }

    /** Tells the client {@code notice} as its last frame and ends the session; returns at once. */
    void shutdown(String notice) {
        stopping = true;
        outbox.offerLast(Frames.encode(notice));
        if (socket instanceof SSLSocket) {
            // TLS has no half-close: give the writer its moment, then cut.
            closeSoon();
            return;
        }
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            closeSocket();
        }
    }

    /** Cuts the socket at once: for a client that did not leave within the shutdown grace. */
    void abort() {
        outbox.finish();
        cutSocket();
    }

    /** After an overflow: give the writer a moment to deliver the notice, then cut the connection. */
    private void closeSoon() {
        Thread.ofVirtual().start(() -> {
            awaitWriter();
            closeSocket();
        });
    }

    /** Waits for the outbox to write its last frames; cuts the socket if that takes too long. */
    private void awaitWriter() {
        try {
            if (!outbox.awaitEnd(DRAIN_TIMEOUT)) {
                cutSocket();
                outbox.awaitEnd(DRAIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the socket while the writer may be stuck in a write to a client that reads nothing. */
    private void cutSocket() {
        Sockets.dontWaitForWriterOnClose(socket);
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a client socket failed: {0}", e.getMessage());
        }
    }
}
