package linkchat.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;

import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.HostPort;

/**
 * A scripted server that takes line ids (PROTOCOL.md part 2), on 127.0.0.1 port 0, for one
 * client: it welcomes the client as its nick, records every frame, and answers the n-th
 * {@code /line ID TEXT} as its script says, delivering each id to its {@link Federation} once:
 * the echo then {@code * ack ID}, or the ack alone for an id the federation had already. Its own
 * virtual thread reads and answers; a test reads {@link #nextFrame}.
 */
final class AckingServer implements AutoCloseable {
    /** What the server does with one {@code /line}. */
    enum Answer {
        /** Delivers it (echo, unless delivered before) and acks it. */
        ACK,
        /** Echoes and acks it and never passes it on: as a server killed after its ack, before its links had the line. */
        KEEP,
        /** Delivers and echoes it, and never acks it: as a server that dies just after. */
        ECHO,
        /** Delivers it to the federation only: neither echo nor ack, as a server that dies before them. */
        DELIVER,
        /** Does nothing with it. */
        SILENT,
        /** Dies on reading it: the client's connection and the listener close. */
        DIE
    }

    /** The texts delivered by id, in delivery order, shared by the servers of one fake federation. */
    static final class Federation {
        private final Map<String, String> delivered = new LinkedHashMap<>();

        /** Delivers {@code text} under {@code id} unless that id was delivered before; returns whether it was new. */
        synchronized boolean deliver(String id, String text) {
            return delivered.putIfAbsent(id, text) == null;
        }

        /** Every text delivered, in order. */
        synchronized List<String> texts() {
            return new ArrayList<>(delivered.values());
        }
    }

    private final ServerSocket listener;
    private final String nick;
    private final Federation federation;
    private final IntFunction<Answer> script;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile Socket client;

    /** A server that welcomes its client as {@code nick} and answers the n-th line (from 1) as {@code script} says. */
    AckingServer(String nick, Federation federation, IntFunction<Answer> script) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.nick = nick;
        this.federation = federation;
        this.script = script;
        Thread.ofVirtual().name("acking-server").start(this::serve);
    }

    /** Where it listens. */
    HostPort address() {
        return new HostPort("127.0.0.1", listener.getLocalPort());
    }

    /** The next frame the client sent, or {@link FakeServer#CLOSED}; fails after {@link FakeServer#WAIT_SECONDS}. */
    String nextFrame() throws InterruptedException {
        String frame = frames.poll(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the client within " + FakeServer.WAIT_SECONDS + " s");
        }
        return frame;
    }

    /** Closes the client's connection, as a server going away would (the listener stays). */
    void dropClient() throws IOException {
        client.close();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }

    private void serve() {
        try (Socket socket = listener.accept()) {
            client = socket;
            OutputStream out = socket.getOutputStream();
            send(out, FakeServer.welcome(nick));
            FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.DEFAULT_MAX_PAYLOAD);
            int lines = 0;
            String frame;
            while ((frame = reader.read()) != null) {
                frames.add(frame);
                Matcher line = FakeServer.LINE.matcher(frame);
                if (frame.equals("/quit") || frame.startsWith("/quit ")) {
                    send(out, "* bye");
                    break;
                }
                if (line.matches() && !answer(out, script.apply(++lines), line.group(1), line.group(2))) {
                    close();
                    break;
                }
            }
        } catch (IOException e) {
            // Closed by the test, or by the client: the end either way.
        } finally {
            frames.add(FakeServer.CLOSED);
        }
    }

    /** Answers one line; returns false to die. */
    private boolean answer(OutputStream out, Answer answer, String id, String text) throws IOException {
        if (answer == Answer.DIE) {
            return false;
        }
        if (answer == Answer.KEEP || answer != Answer.SILENT && federation.deliver(id, text) && answer != Answer.DELIVER) {
            send(out, echo(text));
        }
        if (answer == Answer.ACK || answer == Answer.KEEP) {
            send(out, "* ack " + id);
        }
        return true;
    }

    /** The echo a linkchat server sends for {@code text}, sent as a chat line, {@code /me}, {@code /msg} or {@code //text}. */
    private String echo(String text) {
        if (text.startsWith("/me ")) {
            return nick + ": * " + text.substring(4);
        }
        if (text.startsWith("/msg ")) {
            String[] toAndText = text.substring(5).split(" ", 2);
            return "[msg] " + nick + " -> " + toAndText[0] + ": " + toAndText[1];
        }
        return nick + ": " + (text.startsWith("//") ? text.substring(1) : text);
    }

    private static void send(OutputStream out, String payload) throws IOException {
        out.write(Frames.encode(payload));
        out.flush();
    }
}
