package linkchat.testing;

import linkchat.wire.FrameException;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * A raw socket posing as a linked server, for tests of what a peer may send: it links over
 * loopback (which needs no secret) and then sends whatever payloads a test gives it. It reads
 * only the handshake, so it never answers a ping; keep the test shorter than the silence
 * timeout. One thread.
 */
public final class FakePeer implements AutoCloseable {
    private final RawClient socket;

    private FakePeer(RawClient socket) {
        this.socket = socket;
    }

    /** Links to {@code server} as a server called {@code name}, and says it has nothing to catch up on. */
    public static FakePeer link(TestServer server, String name) throws FrameException {
        RawClient socket = RawClient.connect(server.port());
        socket.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, name, 1, "00")));
        expect(socket, PeerMessage.Challenge.class);
        socket.send(PeerCodec.encode(new PeerMessage.Proof("")));
        expect(socket, PeerMessage.Ready.class);
        socket.send(PeerCodec.encode(new PeerMessage.Synced()));
        return new FakePeer(socket);
    }

    private static void expect(RawClient socket, Class<? extends PeerMessage> type) throws FrameException {
        PeerMessage m = PeerCodec.decode(socket.next());
        if (!type.isInstance(m)) {
            throw new AssertionError("expected " + type.getSimpleName() + " in the handshake, got " + m);
        }
    }

    /** Sends one payload as it is, well-formed or not. */
    public void send(String payload) {
        socket.send(payload);
    }

    /** Sends one message. */
    public void send(PeerMessage message) {
        socket.send(PeerCodec.encode(message));
    }

    /** Reads until the server closes the link; fails if it stays open past the read timeout. */
    public void awaitClosed() {
        socket.readToClose();
    }

    @Override
    public void close() {
        socket.close();
    }
}
