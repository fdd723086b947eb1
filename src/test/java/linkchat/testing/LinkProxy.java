package linkchat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import linkchat.server.peer.PeerConfig;
import linkchat.wire.HostPort;

/**
 * A TCP relay on loopback standing in for the network between two servers, so a test can cut
 * a link (both sockets closed), stall it (bytes held back while the sockets stay open: a
 * half-open connection) and restore it. Thread-safe; closed by try-with-resources.
 */
public final class LinkProxy implements AutoCloseable {
    /**
     * Sees the bytes one direction of one relayed connection passed on, in order, on that
     * direction's thread: for tests that count what crossed a link.
     */
    @FunctionalInterface
    public interface Tap {
        /** {@code length} bytes from {@code offset} were written on; the array is reused after this returns. */
        void passed(byte[] bytes, int offset, int length);
    }

    private static final Tap NO_TAP = (bytes, offset, length) -> { };

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Supplier<Tap> taps;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean refusing;
    private boolean stalled;
    private volatile boolean closed;

    /** Relays connections made to {@link #address()} on to {@code target}. */
    public LinkProxy(HostPort target) {
        this(target, () -> NO_TAP);
    }

    /** Relays as above, showing each direction of each connection to a tap of its own from {@code taps}. */
    public LinkProxy(HostPort target, Supplier<Tap> taps) {
        this.taps = taps;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.target = new InetSocketAddress(target.host(), target.port());
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    /** Where to point a server's {@code --peer}. */
    public HostPort address() {
        return new HostPort("127.0.0.1", listener.getLocalPort());
    }

    /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        refusing = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Holds back every byte from now on, in both directions, without closing anything. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Lets connections through again (and releases stalled bytes). */
    public void restore() {
        refusing = false;
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = listener.accept();
                if (refusing) {
                    in.close();
                    continue;
                }
                Socket out = new Socket(target.getAddress(), target.getPort());
                open.add(in);
                open.add(out);
                Tap inward = taps.get();
                Tap outward = taps.get();
                Thread.ofVirtual().start(() -> pump(in, out, inward));
                Thread.ofVirtual().start(() -> pump(out, in, outward));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Tap tap) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                awaitFlow();
                out.write(buf, 0, n);
                tap.passed(buf, 0, n);
            }
        } catch (IOException | InterruptedException e) {
            // Either side went away: the relay ends with it.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void awaitFlow() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cut();
        restore();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
