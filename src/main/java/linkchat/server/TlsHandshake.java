package linkchat.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

/**
 * A TLS handshake that must finish whole within a limit. A read timeout bounds only each wait,
 * so a peer trickling its hello a byte at a time kept a connection (and its slot) as long as it
 * liked; here a timer cuts the socket at the deadline, however the bytes come. Stateless.
 */
public final class TlsHandshake {
    private static final System.Logger LOG = System.getLogger(TlsHandshake.class.getName());

    private TlsHandshake() {}

    /**
     * Runs the handshake of {@code tls} on the calling thread. If it is not over within
     * {@code limit}, closes {@code cut} (the socket to close: for a TLS socket layered over a
     * plain one, the plain one, whose close never waits on a TLS lock; else {@code tls} itself)
     * and throws {@link SocketTimeoutException}.
     */
    public static void run(SSLSocket tls, Socket cut, Duration limit) throws IOException {
        // Whoever settles first wins: the handshake, by ending either way, or the timer, by cutting.
        AtomicBoolean settled = new AtomicBoolean();
        Thread timer = Thread.ofVirtual().name("tls-deadline").start(() -> {
            try {
                Thread.sleep(limit);
            } catch (InterruptedException e) {
                return; // the handshake ended first
            }
            if (settled.compareAndSet(false, true)) {
                close(cut);
            }
        });
        try {
            tls.startHandshake();
        } catch (IOException e) {
            if (settled.compareAndSet(false, true)) {
                throw e;
            }
            throw timedOut(limit, e);
        } finally {
            timer.interrupt();
        }
        if (!settled.compareAndSet(false, true)) {
            throw timedOut(limit, null); // done just as the timer cut the socket
        }
    }

    private static SocketTimeoutException timedOut(Duration limit, IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("TLS handshake not finished within " + limit.toMillis() + " ms");
        e.initCause(cause);
        return e;
    }

    private static void close(Socket socket) {
        Sockets.dontWaitForWriterOnClose(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a socket whose TLS handshake ran out of time failed: {0}", e.getMessage());
        }
    }
}
