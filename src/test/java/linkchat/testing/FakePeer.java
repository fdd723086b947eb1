package linkchat.testing;

import java.util.function.Predicate;

import linkchat.wire.FrameException;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * A raw socket posing as a linked server: it dials a real server on loopback (no secret
 * needed there), does the handshake, and then sends and reads peer messages as a test says.
 * Reads time out as {@link RawClient}'s do. One thread.
 */
public final class FakePeer implements AutoCloseable {
    private final RawClient socket;

    private FakePeer(RawClient socket) {
        this.socket = socket;
    }

    /** Links to the server on {@code port} as {@code name} in boot {@code boot}; returns once READY came. */
    public static FakePeer link(int port, String name, long boot) {
        FakePeer peer = new FakePeer(RawClient.connect(port));
        peer.send(new PeerMessage.Hello(PeerMessage.VERSION, name, boot, "00"));
        peer.expect(PeerMessage.Challenge.class);
        peer.send(new PeerMessage.Proof(""));
        peer.expect(PeerMessage.Ready.class);
        return peer;
    }

    /** Links to {@code server} as {@code name}, started now, and says it has nothing to catch up on. */
    public static FakePeer link(TestServer server, String name) {
        FakePeer peer = link(server.port(), name, bootNow());
        peer.synced();
        return peer;
    }

    /** A boot as a freshly started server has one: its start time. */
    public static long bootNow() {
        return System.currentTimeMillis();
    }

    /** Sends one payload as it is, well-formed or not. */
    public void send(String payload) {
        socket.send(payload);
    }

    /** Sends one peer message. */
    public void send(PeerMessage message) {
        socket.send(PeerCodec.encode(message));
    }

    /** Sends SYNCED without telling of any origin, as a server that knows nothing does. */
    public void synced() {
        send(new PeerMessage.Synced());
    }

    /** The next peer message. */
    public PeerMessage next() {
        try {
            return PeerCodec.decode(socket.next());
        } catch (FrameException e) {
            throw new AssertionError("server sent a malformed peer message", e);
        }
    }

    /** Reads until a message of {@code type}, answering PINGs on the way; a REFUSED on the way fails. */
    public <T extends PeerMessage> T expect(Class<T> type) {
        return type.cast(await(m -> {
            if (m instanceof PeerMessage.Refused r && type != PeerMessage.Refused.class) {
                throw new AssertionError("refused: " + r.reason());
            }
            return type.isInstance(m);
        }));
    }

    /** Reads until a message matches; answers PINGs on the way, as a live server does. */
    public PeerMessage await(Predicate<PeerMessage> wanted) {
        long deadline = System.nanoTime() + RawClient.READ_TIMEOUT_MS * 1_000_000L;
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no wanted peer message within " + RawClient.READ_TIMEOUT_MS + " ms");
            }
            PeerMessage m = next();
            if (m instanceof PeerMessage.Ping p) {
                send(new PeerMessage.Pong(p.token()));
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /**
     * Reads, answering PINGs, until the server refuses the link or closes it; returns the
     * refusal's reason, or "" for a bare close.
     */
    public String cutOff() {
        try {
            PeerMessage m = await(x -> x instanceof PeerMessage.Refused);
            return ((PeerMessage.Refused) m).reason();
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains("closed the connection")) {
                return "";
            }
            throw e;
        } catch (java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** Reads until the server closes the link; fails if it stays open past the read timeout. */
    public void awaitClosed() {
        socket.readToClose();
    }

    /** The raw socket underneath, to check it closed. */
    public RawClient raw() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }
}
