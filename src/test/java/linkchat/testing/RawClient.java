package linkchat.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import linkchat.wire.FrameReader;
import linkchat.wire.Frames;

/**
 * A client speaking the wire format over a raw socket, for tests. Reads time out after
 * {@link #READ_TIMEOUT_MS}, so a missing frame fails the test instead of hanging it. One thread.
 */
public final class RawClient implements AutoCloseable {
    /** Longest wait for any one frame: a lost message fails the test in bounded time. */
    public static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private int timeoutMs = READ_TIMEOUT_MS;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
    }

    /** Connects to 127.0.0.1:{@code port}. */
    public static RawClient connect(int port) {
        try {
            return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code perFrame} for each frame from now on, instead of {@link #READ_TIMEOUT_MS}:
     * for a test whose next frame waits on redials and handshakes, which a loaded machine slows.
     */
    public void patience(Duration perFrame) {
        try {
            timeoutMs = Math.toIntExact(perFrame.toMillis());
            socket.setSoTimeout(timeoutMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one frame in one write. */
    public void send(String payload) {
        write(Frames.encode(payload));
    }

    /** Sends one frame the way the original project's client did: the header, then the payload, as two writes. */
    public void sendLikeOriginal(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(Integer.toString(body.length));
        while (header.length() < Frames.HEADER_SIZE) {
            header.append(' ');
        }
        write(header.toString().getBytes(StandardCharsets.US_ASCII));
        write(body);
    }

    /** Writes raw bytes, whatever they are. */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next payload; fails on timeout or when the server closed the connection. */
    public String next() {
        try {
            String payload = reader.read();
            if (payload == null) {
                throw new AssertionError("server closed the connection");
            }
            return payload;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within " + timeoutMs + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a payload starting with {@code prefix} and returns it. */
    public String nextStartingWith(String prefix) {
        return nextMatching(p -> p.startsWith(prefix));
    }

    /** Reads until a payload matches and returns it; earlier payloads are dropped. */
    public String nextMatching(Predicate<String> wanted) {
        return readUntil(wanted).getLast();
    }

    /** Reads up to and including the first payload that matches; returns all of them in order. */
    public List<String> readUntil(Predicate<String> wanted) {
        List<String> seen = new ArrayList<>();
        String payload;
        do {
            payload = next();
            seen.add(payload);
        } while (!wanted.test(payload));
        return seen;
    }

    /** Reads every remaining payload until the server closes the connection; fails on timeout. */
    public List<String> readToClose() {
        List<String> seen = new ArrayList<>();
        try {
            String payload;
            while ((payload = reader.read()) != null) {
                seen.add(payload);
            }
            return seen;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection not closed within " + READ_TIMEOUT_MS + " ms; read "
                    + seen.size() + " frames, the last " + (seen.isEmpty() ? "none" : abbreviate(seen.getLast())), e);
        } catch (IOException e) {
            return seen;
        }
    }

    /**
     * The chat lines a client joining the server on {@code port} as {@code nick} is shown as its
     * backlog, as "nick: text", oldest first: an unknown command's answer marks their end.
     */
    public static List<String> backlog(int port, String nick) {
        String history = "* history ";
        try (RawClient c = connect(port)) {
            c.send("/nick " + nick);
            c.send("/joined");
            return c.readUntil(p -> p.startsWith("* error: unknown command /joined")).stream()
                    .filter(p -> p.startsWith(history))
                    .map(p -> p.substring(p.indexOf(' ', history.length()) + 1))
                    .toList();
        }
    }

    /** Connects with a tiny receive buffer, for a client that will never read: the server's queue fills fast. */
    public static RawClient connectNotReading(int port) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** The underlying socket, for tests that need to tune it. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
