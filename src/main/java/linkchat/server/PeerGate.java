package linkchat.server;

import java.io.InputStream;
import java.net.Socket;

/**
 * Takes over connections whose first frame is a server-link handshake. The server package
 * knows links only through this and {@link Link}, so it never depends on how links work.
 */
public interface PeerGate extends AutoCloseable {
    /** Serves a link on the calling thread until it ends; from this call on it owns {@code socket}. */
    void serve(Socket socket, InputStream in, String hello);

    /** Stops dialling; links end as their sockets close. Idempotent. */
    @Override
    void close();
}
