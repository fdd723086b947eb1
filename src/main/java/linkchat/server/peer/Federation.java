package linkchat.server.peer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import linkchat.server.Hub;
import linkchat.server.PeerGate;
import linkchat.server.RefusalLog;
import linkchat.wire.FrameException;
import linkchat.wire.HostPort;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * A server's links to the rest of the federation: the dialers for its configured peers, and the
 * handshake for links other servers dial in. Thread-safe; {@link #close} is idempotent.
 */
public final class Federation implements PeerGate {
    private static final System.Logger LOG = System.getLogger(Federation.class.getName());

    /** How long close waits for each dialer's thread to finish its link. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /**
     * Links up and handshakes under way, dialled here or in, together: as many links as one
     * origin may list ({@link PeerCodec#MAX_LINKS}). Each pins a thread, a queue of up to
     * {@link PeerLink#MAX_BYTES} and a frame being read; links do not count against
     * {@code --max-clients}, so without this anyone on loopback (or any holder of the secret)
     * could open as many as they liked. Each configured peer's dialer keeps one slot.
     */
    static final int MAX_LINKS = PeerCodec.MAX_LINKS;

    private final Hub hub;
    private final PeerConfig config;
    private final Handshake handshake;
    private final List<PeerDialer> dialers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<PeerLink> live = ConcurrentHashMap.newKeySet();
    /** What every link's reader may hold at once of long frames. */
    private final PeerBudget budget = new PeerBudget();
    /** Slots for links dialled in: what {@link #MAX_LINKS} leaves beside the dialers. */
    private final Semaphore accepted;
    private final RefusalLog refusals = new RefusalLog(LOG);
    private volatile boolean closed;

    /** Creates the federation side of {@code hub} and starts dialling every configured peer. */
    public Federation(Hub hub, PeerConfig config) {
        this.hub = hub;
        this.config = config;
        this.handshake = new Handshake(hub, config.secret());
        this.accepted = new Semaphore(Math.max(0, MAX_LINKS - config.peers().size()));
        for (HostPort address : config.peers()) {
            PeerDialer dialer = new PeerDialer(address, hub, handshake, config.silence(), live, config.tls(), budget, refusals);
            dialers.add(dialer);
            threads.add(Thread.ofVirtual().name("dial-" + address).start(dialer));
        }
    }

    /** Bytes of the long-frame budget free now: for tests. */
    int budgetFree() {
        return budget.available();
    }

    /** A line for the start-up log: who may link here. */
    public String policy() {
        return config.secret().isPresent()
                ? "links need the shared secret"
                : "no shared secret: links accepted from loopback addresses only";
    }

    @Override
    public void serve(Socket socket, InputStream in, String hello) {
        String from = socket.getRemoteSocketAddress().toString();
        try (socket) {
            PeerChannel channel = new PeerChannel(socket, in, budget);
            if (!accepted.tryAcquire()) {
                String reason = "server " + hub.serverName() + " has " + MAX_LINKS + " links and handshakes already";
                channel.trySend(new PeerMessage.Refused(reason));
                refusals.refused("refused link from " + from + ": " + reason);
                return;
            }
            try {
                link(channel, socket, hello, from);
            } finally {
                accepted.release();
            }
        } catch (Handshake.Refusal e) {
            refusals.refused("refused link from " + from + ": " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "link from {0} ended: {1}", from, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shakes hands with a dialler that holds a slot, and runs its link to the end. */
    private void link(PeerChannel channel, Socket socket, String hello, String from) throws IOException, InterruptedException {
        PeerMessage.Hello first = decodeHello(channel, hello);
        Handshake.Peer peer = handshake.accept(channel, socket, first);
        if (closed) {
            return;
        }
        LOG.log(Level.INFO, "linked to {0} (dialled in from {1})", peer.name(), from);
        String why = runTracked(new PeerLink(channel, hub, peer, false, config.silence()), live);
        LOG.log(Level.INFO, "link to {0} down: {1}", peer.name(), why);
    }

    private void awaitLinksEnded() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (live) {
            long left;
            while (!live.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    live.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The dialler's hello; one that is not, or cannot be decoded, is refused with the reason. */
    private static PeerMessage.Hello decodeHello(PeerChannel channel, String hello) throws Handshake.Refusal {
        Handshake.Refusal refusal;
        try {
            if (PeerCodec.decode(hello) instanceof PeerMessage.Hello h) {
                return h;
            }
            refusal = new Handshake.Refusal("first frame is not a hello");
        } catch (FrameException e) {
            refusal = Handshake.malformed(e);
        }
        channel.trySend(new PeerMessage.Refused(refusal.getMessage()));
        throw refusal;
    }

    /** Runs {@code link} to its end while it is listed in {@code live}. */
    static String runTracked(PeerLink link, Set<PeerLink> live) throws InterruptedException {
        live.add(link);
        try {
            return link.run();
        } finally {
            synchronized (live) {
                live.remove(link);
                live.notifyAll();
            }
        }
    }

    /**
     * Tells every peer this server is shutting down (so each marks its link down at once), stops
     * dialling, and waits a moment for the links to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.forEach(link -> link.shutdown("server " + hub.serverName() + " is shutting down"));
        awaitLinksEnded();
        // A link still up is stuck behind a peer that does not read: cut it, or closing its
        // (TLS) socket later would wait for its blocked writer for ever.
        live.forEach(link -> link.close("server " + hub.serverName() + " is shutting down"));
        dialers.forEach(PeerDialer::close);
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
