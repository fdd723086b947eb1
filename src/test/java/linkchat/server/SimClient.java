package linkchat.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import linkchat.wire.Event;
import linkchat.wire.FrameException;
import linkchat.wire.Frames;

/** A client of a hub: its member, and every line written to it, read as the writer wrote them. */
final class SimClient {
    private final SimNet net;
    final SimNet.Node at;
    /** The process it is connected to: its node's, until that restarts. */
    private final Hub hub;
    private final String id;
    final Member member;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int said;

    SimClient(SimNet net, SimNet.Node at, String id) {
        this.net = net;
        this.at = at;
        this.hub = at.hub;
        this.id = id;
        Outbox outbox = new Outbox(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                Frames.encode("* gone"), () -> { });
        Pump.attach(outbox, written, new Inline(), e -> { throw new AssertionError(e); });
        member = hub.join(outbox, null);
    }

    /** Says a line whose text names this client and counts its lines: {@code who#n}. */
    String say() {
        String text = id() + "#" + ++said;
        hub.broadcast(new Event.Said(member.nick(), text));
        net.step(id() + " says " + text);
        return text;
    }

    Optional<String> rename(String nick) {
        Optional<String> problem = hub.rename(member, nick);
        net.step(id() + " /nick " + nick + problem.map(p -> " refused: " + p).orElse(""));
        return problem;
    }

    String id() {
        return id;
    }

    String nick() {
        return member.nick();
    }

    /** Every line this client was sent so far. */
    List<String> lines() {
        byte[] all = written.toByteArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.length; ) {
            int length;
            try {
                length = Frames.parseHeader(Arrays.copyOfRange(all, i, i + Frames.HEADER_SIZE), Integer.MAX_VALUE);
            } catch (FrameException e) {
                throw new AssertionError(e);
            }
            out.add(new String(all, i + Frames.HEADER_SIZE, length, StandardCharsets.UTF_8));
            i += Frames.HEADER_SIZE + length;
        }
        return out;
    }

    /** Starts a client's writer inline, on the offering thread, so the run stays on one thread; one Thread object serves every start. */
    private static final class Inline extends Thread implements ThreadFactory {
        private Runnable task;

        @Override
        public Thread newThread(Runnable r) {
            task = r;
            return this;
        }

        @Override
        public void start() {
            task.run();
        }
    }
}
