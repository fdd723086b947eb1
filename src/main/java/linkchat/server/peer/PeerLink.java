package linkchat.server.peer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicReference;

import linkchat.server.Hub;
import linkchat.server.Implausible;
import linkchat.server.Link;
import linkchat.server.Outbox;
import linkchat.server.Sockets;
import linkchat.wire.FrameException;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * One live link to another server. {@link #run} holds its three parts (reading, writing,
 * heartbeat) in one StructuredTaskScope: the first part to end, for whatever reason, cancels the
 * others and closes the socket, so the link always goes down whole. The hub may call
 * {@link #send} and {@link #close} from any thread; {@link #run} is called once, by the thread
 * that made the link.
 */
final class PeerLink implements Link {
    private static final System.Logger LOG = System.getLogger(PeerLink.class.getName());

    /** Frames queued for one peer: a peer gets everything, so it may lag more than a client. */
    static final int MAX_FRAMES = 262_144;

    /** Bytes queued for one peer; past this the link is cut and resynchronised from the replay log. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final PeerChannel channel;
    private final Hub hub;
    private final String peerName;
    private final long peerBoot;
    private final boolean dialledHere;
    private final Duration silence;
    private final Outbox outbox;
    private volatile long lastHeard = System.nanoTime();
    /** Waiters in {@link #answers} wait on this; the reader wakes them when a frame comes. */
    private final Object heard = new Object();
    private volatile int probes;
    /** The token of the heartbeat's last ping (they count 1, 2, 3...): only its pong measures a round trip. */
    private volatile long pingSent;
    /** When (System.nanoTime) the heartbeat's last ping was queued; written before its token. */
    private volatile long pingSentAt;
    /** Heartbeat pings sent; only the heartbeat's thread counts them. */
    private long pings;
    /** The last heartbeat's round trip in ns, or -1 before one came back. */
    private volatile long roundTripNanos = -1;
    private volatile boolean down;
    /** Why this server refused the peer mid-link, once it did: frames after that are not taken. */
    private volatile String refusal;
    /** Why the first of the link's parts ended: the link's reason for going down. */
    private final AtomicReference<String> firstEnd = new AtomicReference<>();

    PeerLink(PeerChannel channel, Hub hub, Handshake.Peer peer, boolean dialledHere, Duration silence) {
        this.channel = channel;
        this.hub = hub;
        this.peerName = peer.name();
        this.peerBoot = peer.boot();
        this.dialledHere = dialledHere;
        this.silence = silence;
        this.outbox = new Outbox(MAX_FRAMES, MAX_BYTES, 0, 0, PeerCodec.frame(
                new PeerMessage.Refused("link overflowed")), this::closeSocket, hub.journal());
    }

    @Override
    public String peerName() {
        return peerName;
    }

    @Override
    public long peerBoot() {
        return peerBoot;
    }

    @Override
    public boolean preferred() {
        String dialler = dialledHere ? hub.serverName() : peerName;
        String acceptor = dialledHere ? peerName : hub.serverName();
        return dialler.compareTo(acceptor) < 0;
    }

    @Override
    public void send(byte[] frame) {
        outbox.offer(frame);
    }

    @Override
    public boolean answers(Duration within) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + within.toNanos();
        synchronized (heard) {
            probes++;
            try {
                send(PeerCodec.frame(new PeerMessage.Ping(asked)));
                long left;
                while (lastHeard - asked < 0 && !down && (left = deadline - System.nanoTime()) > 0) {
                    heard.wait(Math.max(1, left / 1_000_000));
                }
                return lastHeard - asked >= 0 && !down;
            } finally {
                probes--;
            }
        }
    }

    @Override
    public void close(String reason) {
        LOG.log(Level.INFO, "closing link to {0}: {1}", peerName, reason);
        closeSocket();
    }

    /**
     * Ends the link in good order: {@code reason} goes to the peer as the last frame, after
     * everything already queued, so the peer marks the link down at once; then the writer ends
     * and takes the link with it. Returns at once.
     */
    void shutdown(String reason) {
        outbox.offerLast(PeerCodec.frame(new PeerMessage.Refused(reason)));
    }

    /** Runs the link until any part of it ends; returns why it went down. */
    String run() throws InterruptedException {
        Optional<String> refused = hub.linkUp(this);
        if (refused.isPresent()) {
            LOG.log(Level.WARNING, "refusing link to {0}: {1}", peerName, refused.get());
            channel.trySend(new PeerMessage.Refused(refused.get()));
            closeSocket();
            outbox.finish();
            return "refused: " + refused.get();
        }
        String why = "link ended";
        try (var scope = StructuredTaskScope.open(Joiner.<String>allUntil(part -> true))) {
            scope.fork(() -> part(this::readLoop));
            scope.fork(() -> part(this::writeLoop));
            scope.fork(() -> part(this::heartbeat));
            scope.join();
            why = firstEnd.get() != null ? firstEnd.get() : why;
        } finally {
            closeSocket();
            outbox.finish();
            down = true;
            wakeProbes();
            why = refusal != null ? "refused: " + refusal : why;
            hub.linkDown(this, why);
        }
        return why;
    }

    /** A part of the link; whichever way it ends, the socket closes, so the other parts end too. */
    @FunctionalInterface
    private interface Part {
        String run() throws Exception;
    }

    /**
     * Runs a part and records why it ended, if it is the first to: its own closing of the socket
     * then ends the others with "Socket closed", which must not pass for the link's reason.
     */
    private String part(Part part) throws Exception {
        try {
            String why = part.run();
            firstEnd.compareAndSet(null, why);
            return why;
        } catch (Exception e) {
            firstEnd.compareAndSet(null, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            closeSocket();
        }
    }

    /** Reads and handles messages; each long one's bytes go back to the budget once it is handled. */
    private String readLoop() throws IOException {
        try {
            return readMessages();
        } finally {
            channel.giveBack();
        }
    }

    private String readMessages() throws IOException {
        while (true) {
            channel.giveBack();
            PeerMessage m;
            try {
                m = channel.read();
            } catch (FrameException e) {
                if (refusal != null) {
                    throw e; // past a refusal the frames may no longer line up: stop reading
                }
                refuse(e.getMessage());
                continue;
            }
            if (refusal != null) {
                continue;
            }
            lastHeard = System.nanoTime();
            wakeProbes();
            switch (m) {
                case PeerMessage.Ping p -> send(PeerCodec.frame(new PeerMessage.Pong(p.token())));
                case PeerMessage.Pong p -> timed(p.token());
                case PeerMessage.Refused r -> {
                    return "peer dropped the link: " + r.reason();
                }
                default -> take(m);
            }
        }
    }

    /**
     * Hands a message to the hub. One that breaks a bound (or, in {@link #readLoop}, cannot be
     * decoded) is the peer's last: it is told why
     * after what is queued for it, and the reader drops everything after, until the writer
     * closes the socket (or the silence timeout does, for a peer that stopped reading).
     */
    private void take(PeerMessage m) {
        try {
            hub.receive(this, m);
        } catch (Implausible e) {
            refuse(e.getMessage());
        }
    }

    /** The peer broke a rule (a malformed message, or a bound): it is told why, and nothing more it sends is taken. */
    private void refuse(String reason) {
        refusal = reason;
        LOG.log(Level.WARNING, "refusing link to {0}: {1}", peerName, reason);
        shutdown(reason);
    }

    private void wakeProbes() {
        if (probes > 0) {
            synchronized (heard) {
                heard.notifyAll();
            }
        }
    }

    private String writeLoop() throws IOException, InterruptedException {
        outbox.writeTo(channel.output());
        // Everything queued is written and nothing writes any more: the socket may close in good order.
        closeGracefully();
        return "link closed";
    }

    /**
     * Probes the peer at once and then every third of the silence timeout; a peer silent for the
     * whole timeout is gone. The pong to the last ping gives the link's round trip.
     */
    private String heartbeat() throws InterruptedException, IOException {
        Duration every = silence.dividedBy(3);
        ping();
        while (true) {
            Thread.sleep(every);
            long quietNanos = System.nanoTime() - lastHeard;
            if (quietNanos > silence.toNanos()) {
                throw new IOException("no word from " + peerName + " for " + silence.toMillis() + " ms");
            }
            ping();
            hub.tick();
        }
    }

    private void ping() {
        long token = ++pings;
        pingSentAt = System.nanoTime();
        pingSent = token;
        send(PeerCodec.frame(new PeerMessage.Ping(token)));
    }

    /** A pong came: if it answers the heartbeat's last ping, that is the link's round trip now. */
    private void timed(long token) {
        if (token == pingSent) {
            roundTripNanos = System.nanoTime() - pingSentAt;
        }
    }

    @Override
    public Optional<Duration> roundTrip() {
        long nanos = roundTripNanos;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** Cuts the socket without waiting for anything, not even a writer blocked on a peer that stopped reading. */
    private void closeSocket() {
        Sockets.dontWaitForWriterOnClose(channel.socket());
        closeGracefully();
    }

    /** Closes the socket in good order: only for the writer, once it wrote its last frame. */
    private void closeGracefully() {
        try {
            channel.socket().close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing link socket failed: {0}", e.getMessage());
        }
    }
}
