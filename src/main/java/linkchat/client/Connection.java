package linkchat.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import linkchat.wire.FrameException;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.Sanitizer;

/**
 * One TCP connection to a chat server: frames out, sanitized lines in.
 *
 * <p>Threads: {@link #send} may be called from any thread, and frames never interleave. After
 * {@link #start}, one reader thread owns the input side and is the only thread that calls the
 * {@link Listener}: {@code onLine} in arrival order, then {@code onClosed} exactly once. It is a
 * platform thread: a client has one connection, and a virtual thread would first have to start
 * the scheduler and the poller threads behind it, at the moment the client's prompt is due.
 * {@link #abort} and {@link #close} may be called from any thread, any number of times.
 */
public final class Connection implements AutoCloseable {
    /** Longest that {@link #close} waits for the reader thread to finish its last callback. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(Connection.class.getName());
    private static final String SERVER_CLOSED = "server closed the connection";
    private static final String CLIENT_CLOSED = "closed by the client";

    /** Receives what the reader thread learns; called on that thread only. */
    public interface Listener {
        /** One payload from the server, already passed through {@link Sanitizer#clean}. */
        void onLine(String line);

        /** The connection is over; {@code reason} is fit to show after "lost: ". Called last, once. */
        void onClosed(String reason);
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object sendLock = new Object();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Thread reader;

    private Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Opens a connection, over TLS with {@code tls} unless it is null; the server's certificate
     * must name {@code host}. Fails after {@code timeout} if the server does not answer.
     */
    public static Connection connect(String host, int port, Duration timeout, SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, Math.toIntExact(timeout.toMillis()));
            return new Connection(tls == null ? socket : overTls(socket, host, port, tls, timeout));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket overTls(Socket socket, String host, int port, SSLContext tls, Duration timeout) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }

    /** Starts the reader thread; call once. */
    public void start(Listener listener) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = Thread.ofPlatform().daemon().name("linkchat-client-reader").start(() -> readLoop(listener));
    }

    /**
     * Tells a server just connected to which nick we want, unless null, as the first frame,
     * before anything is read: the server then joins us under it at once (PROTOCOL.md, "Nicks"),
     * where a {@code /nick} after the welcome would show everyone a guest joining and being
     * renamed. Sent at once, since a server that hears nothing for half a second welcomes a
     * guest. Returns this connection; closes it if the send fails.
     */
    Connection introduce(String wantedNick) throws IOException {
        if (wantedNick != null) {
            try {
                send("/nick " + wantedNick);
            } catch (IOException e) {
                close();
                throw e;
            }
        }
        return this;
    }

    /** Sends one frame; safe from any thread. */
    public void send(String payload) throws IOException {
        byte[] frame = Frames.encode(payload);
        synchronized (sendLock) {
            out.write(frame);
            out.flush();
        }
    }

    /** Waits up to {@code timeout} for the reader thread to end; returns whether it did. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Names why the connection is about to end (the client leaves it), for the listener to hear whoever closes it; the first reason given stays. */
    public void ending(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    /** Closes the socket; if nothing ended the connection before, the listener hears {@code reason}. */
    public void abort(String reason) {
        closeReason.compareAndSet(null, reason);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the socket failed", e);
        }
    }

    /** Closes the socket and, unless called by the listener itself, waits briefly for its last callback. */
    @Override
    public void close() {
        abort(CLIENT_CLOSED);
        Thread current = reader;
        if (current == null || current == Thread.currentThread()) {
            return;
        }
        try {
            awaitClosed(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader thread's whole life: frames until the end, then one {@code onClosed}. */
    private void readLoop(Listener listener) {
        String reason = SERVER_CLOSED;
        try {
            FrameReader frames = new FrameReader(in, Frames.DEFAULT_MAX_PAYLOAD);
            String payload;
            while ((payload = frames.read()) != null) {
                listener.onLine(Sanitizer.clean(payload));
            }
        } catch (FrameException e) {
            // The stream can no longer be trusted: say why and stop.
            reason = "bad frame from server: " + e.getMessage();
            LOG.log(Level.DEBUG, "bad frame from the server", e);
        } catch (IOException e) {
            // Reset, cut mid-frame, or our own close: all ordinary ways for a connection to end.
            reason = describe(e);
            LOG.log(Level.DEBUG, "connection ended", e);
        } catch (RuntimeException e) {
            // A listener that throws is a bug in the client, not a network event.
            reason = "client error: " + e;
            LOG.log(Level.WARNING, "listener failed; closing the connection", e);
        } finally {
            abort(reason);
            try {
                listener.onClosed(closeReason.get());
            } finally {
                closed.countDown();
            }
        }
    }

    /** An exception's message, or its type when it has none. */
    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
