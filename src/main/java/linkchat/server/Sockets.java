package linkchat.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

/** What closing a socket whose writer may be stuck takes. Stateless. */
public final class Sockets {
    private static final System.Logger LOG = System.getLogger(Sockets.class.getName());

    private Sockets() {}

    /**
     * Prepares {@code socket} to be cut while its writer may be blocked in a write. A TLS socket's
     * close first waits for the lock that writer holds, to send its close_notify after the write,
     * for ever if the other side stopped reading; with no linger, the close gives the alert up and
     * resets the connection at once. A plain socket needs nothing: its close never waits.
     */
    public static void dontWaitForWriterOnClose(Socket socket) {
        if (socket instanceof SSLSocket && !socket.isClosed()) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot stop a TLS socket lingering: {0}", e.getMessage());
            }
        }
    }
}
