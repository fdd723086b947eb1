package linkchat.server.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import linkchat.server.FrameClock;
import linkchat.wire.FrameException;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * One link's socket seen as peer messages. During the handshake both directions are used by
 * one thread; afterwards the link's reader owns {@link #read} and its writer owns the socket's
 * output through an outbox.
 */
final class PeerChannel {
    /**
     * Largest peer payload: the largest message a server sends is an origin's state with
     * {@link PeerCodec#MAX_STATE_USERS} users of {@link linkchat.wire.Nicks#MAX_LENGTH}
     * four-byte characters and {@link PeerCodec#MAX_LINKS} links, about 9.4 MiB (PeerChannelTest
     * encodes it). Each link's frame being read pins at most this much.
     */
    static final int MAX_PEER_PAYLOAD = 10 * 1024 * 1024;

    /** Longest time for each handshake step, however its bytes arrive: a slow dialler cannot hold a thread for long. */
    static final int HANDSHAKE_TIMEOUT_MS = 5_000;

    /**
     * Largest handshake payload: names, nonces and macs are short. Bounds what a connection that
     * has proved nothing yet can make this server allocate (a link's frames may be 10 MiB).
     */
    static final int MAX_HANDSHAKE_PAYLOAD = 4_096;

    private final Socket socket;
    /** Times each handshake step as a whole: a dialler trickling bytes cannot stretch it. */
    private final FrameClock handshakeClock;
    private final FrameReader handshakeReader;
    private final FrameReader reader;
    private final PeerBudget.Share share;
    private final OutputStream out;

    /** A channel whose long payloads, once the link is up, are taken from {@code budget}. */
    PeerChannel(Socket socket, InputStream in, PeerBudget budget) throws IOException {
        this.socket = socket;
        this.handshakeClock = new FrameClock(socket, in, HANDSHAKE_TIMEOUT_MS);
        this.handshakeReader = new FrameReader(handshakeClock, MAX_HANDSHAKE_PAYLOAD);
        this.share = budget.new Share();
        this.reader = new FrameReader(in, MAX_PEER_PAYLOAD, share);
        this.out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    OutputStream output() {
        return out;
    }

    /** Writes one message now (handshake only: afterwards writes go through the link's outbox). */
    void send(PeerMessage message) throws IOException {
        out.write(PeerCodec.frame(message));
        out.flush();
    }

    /** Sends if it can; a refusal is said on a best-effort basis. */
    void trySend(PeerMessage message) {
        try {
            send(message);
        } catch (IOException e) {
            // The connection is going away anyway; the refusal is logged on this side.
        }
    }

    /** Reads the next handshake message, which must be of {@code type}, within the handshake timeout. */
    <T extends PeerMessage> T expect(Class<T> type) throws IOException {
        handshakeClock.start();
        try {
            PeerMessage m = decode(handshakeReader.read());
            if (m instanceof PeerMessage.Refused r) {
                throw new Handshake.Refusal("refused by peer: " + r.reason());
            }
            if (!type.isInstance(m)) {
                throw new Handshake.Refusal("peer sent " + m.getClass().getSimpleName() + " where "
                        + type.getSimpleName() + " belongs");
            }
            return type.cast(m);
        } catch (SocketTimeoutException e) {
            throw new Handshake.Refusal("peer did not answer the handshake within " + HANDSHAKE_TIMEOUT_MS + " ms");
        } catch (FrameException e) {
            Handshake.Refusal refusal = Handshake.malformed(e);
            trySend(new PeerMessage.Refused(refusal.getMessage()));
            throw refusal;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /**
     * The next message; throws {@link java.io.EOFException} when the peer closed the link. A long
     * payload holds its bytes of the budget until {@link #giveBack}.
     */
    PeerMessage read() throws IOException {
        return decode(reader.read());
    }

    /** The last message read is handled (or the link is ending): its bytes go back to the budget. */
    void giveBack() {
        share.giveBack();
    }

    private static PeerMessage decode(String payload) throws IOException {
        if (payload == null) {
            throw new java.io.EOFException("peer closed the link");
        }
        return PeerCodec.decode(payload);
    }
}
