package linkchat.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import linkchat.wire.FrameReader;
import linkchat.wire.Frames;

/**
 * A loopback TCP proxy in front of a server that, on the way to its clients, drops one chat line
 * of bench sender 0, doubles another and holds a third back until the next one has passed.
 * For tests; closed by try-with-resources.
 */
final class MeddlingProxy implements AutoCloseable {
    private static final Pattern SENDER_0 = Pattern.compile("^b[0-9a-z]+-\\d+: 00000000 (\\d{8}) ");

    private final ServerSocket listener;
    private final int serverPort;
    private final int drop;
    private final int duplicate;
    private final int delay;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private MeddlingProxy(ServerSocket listener, int serverPort, int drop, int duplicate, int delay) {
        this.listener = listener;
        this.serverPort = serverPort;
        this.drop = drop;
        this.duplicate = duplicate;
        this.delay = delay;
    }

    /** Listens on a free loopback port and relays to {@code serverPort}, meddling with the given sequence numbers. */
    static MeddlingProxy start(int serverPort, int drop, int duplicate, int delay) throws IOException {
        MeddlingProxy proxy = new MeddlingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                serverPort, drop, duplicate, delay);
        Thread.ofVirtual().start(proxy::acceptLoop);
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(() -> relayFrames(server.getInputStream(), client.getOutputStream()),
                        client));
                Thread.ofVirtual().start(() -> pump(() -> client.getInputStream().transferTo(server.getOutputStream()),
                        server));
            }
        } catch (IOException e) {
            // The listener was closed: the test is over.
        }
    }

    /** Runs one direction until either end closes, then closes {@code after} so the other end learns of it. */
    private void pump(IoTask task, Socket after) {
        try {
            task.run();
        } catch (IOException e) {
            // One end went away; closing the other below passes that on.
        } finally {
            close(after);
        }
    }

    /** One direction's copying. */
    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /** Copies frames from {@code in} to {@code out}, meddling with sender 0's chosen lines. */
    private void relayFrames(InputStream in, OutputStream out) throws IOException {
        FrameReader reader = new FrameReader(new BufferedInputStream(in), Frames.MAX_PAYLOAD_CEILING);
        byte[] held = null;
        String payload;
        while ((payload = reader.read()) != null) {
            int seq = sender0Seq(payload);
            byte[] frame = Frames.encode(payload);
            if (seq == drop) {
                continue;
            }
            if (seq == delay) {
                held = frame;
                continue;
            }
            out.write(frame);
            if (seq == duplicate) {
                out.write(frame);
            }
            if (held != null && seq == delay + 1) {
                out.write(held);
                held = null;
            }
            out.flush();
        }
    }

    private static int sender0Seq(String payload) {
        Matcher m = SENDER_0.matcher(payload);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(MeddlingProxy::close);
    }
}
