package linkchat.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import linkchat.wire.FrameReader;
import linkchat.wire.Frames;

/**
 * A one-client chat server on 127.0.0.1, port 0, for client tests: it greets, records every
 * frame the client sends, and answers {@code /quit} with {@code * bye} and a close, as the real
 * server does (unless told to ignore it). Its own virtual thread reads; the test thread sends.
 */
public final class FakeServer implements AutoCloseable {
    /** Longest wait for any one event: a missing frame fails the test in bounded time. */
    public static final long WAIT_SECONDS = 5;

    /** What a closed connection looks like in {@link #nextFrame}. */
    public static final String CLOSED = "<closed>";

    /** {@code /line ID TEXT}: the id as PROTOCOL.md allows it, then the text. */
    public static final Pattern LINE = Pattern.compile("/line ([A-Za-z0-9._:-]{1,64}) (.*)", Pattern.DOTALL);

    private final ServerSocket listener;
    private final List<String> greeting;
    private final boolean closeOnQuit;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Socket> client = new CompletableFuture<>();

    private FakeServer(List<String> greeting, boolean closeOnQuit) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.greeting = greeting;
        this.closeOnQuit = closeOnQuit;
        Thread.ofVirtual().name("fake-server").start(this::serve);
    }

    /** A server that sends {@code greeting} on accept and closes on {@code /quit}. */
    public static FakeServer start(String... greeting) {
        return start(true, greeting);
    }

    /** A server that sends {@code greeting} on accept and closes on {@code /quit} only if told to. */
    public static FakeServer start(boolean closeOnQuit, String... greeting) {
        try {
            return new FakeServer(List.of(greeting), closeOnQuit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The welcome notice the real server sends, naming {@code nick}. */
    public static String welcome(String nick) {
        return "* welcome to fake, you are " + nick + "; /help lists the commands";
    }

    /** A port on which nothing listens, so a connect is refused. */
    public static int refusedPort() {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return closed.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port to connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** A client configuration aimed at this server. */
    public ClientConfig config(String nick, Path historyFile) {
        return new ClientConfig("127.0.0.1", port(), nick, historyFile);
    }

    /** The next frame the client sent, or {@link #CLOSED}; fails after {@link #WAIT_SECONDS}. */
    public String nextFrame() {
        try {
            String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the client within " + WAIT_SECONDS + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The text of the next frame, which must be a chat line, action or private line sent with
     * its id: {@code /line ID TEXT} (PROTOCOL.md part 2), ID well-formed.
     */
    public String nextLine() {
        String frame = nextFrame();
        Matcher m = LINE.matcher(frame);
        if (!m.matches()) {
            throw new AssertionError("not a line with an id: " + frame);
        }
        return m.group(2);
    }

    /** Sends one frame to the client, once it has connected. */
    public void send(String payload) {
        try {
            OutputStream out = accepted().getOutputStream();
            synchronized (this) {
                out.write(Frames.encode(payload));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the client's connection, as a server going away would. */
    public void dropClient() {
        try {
            accepted().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the client to connect. */
    public Socket accepted() {
        try {
            return client.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no client connected within " + WAIT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (client.isDone() && !client.isCompletedExceptionally()) {
            client.join().close();
        }
    }

    private void serve() {
        try (Socket socket = listener.accept()) {
            socket.setTcpNoDelay(true);
            client.complete(socket);
            greeting.forEach(this::send);
            FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.DEFAULT_MAX_PAYLOAD);
            String frame;
            while ((frame = reader.read()) != null) {
                frames.add(frame);
                if (closeOnQuit && (frame.equals("/quit") || frame.startsWith("/quit "))) {
                    send("* bye");
                    break;
                }
            }
        } catch (IOException e) {
            client.completeExceptionally(e); // no effect once accepted: then it is just the end
        } finally {
            frames.add(CLOSED);
        }
    }
}
