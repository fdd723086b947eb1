package linkchat.server.peer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.concurrent.ThreadLocalRandom;

import linkchat.server.Hub;
import linkchat.server.RefusalLog;
import linkchat.server.TlsHandshake;
import linkchat.wire.HostPort;

/**
 * Keeps one configured link up: dials, runs the link until it ends, and dials again with capped
 * exponential backoff plus jitter, checking for shutdown on every turn. Runs on a thread of its
 * own; other threads call only {@link #close}.
 */
final class PeerDialer implements Runnable {
    private static final System.Logger LOG = System.getLogger(PeerDialer.class.getName());

    /** First pause before redialling: a dropped link comes back well within a second. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    /**
     * Longest pause between dials: a server that was down for long is linked again within this
     * of its return (the client's own reconnect waits at most as long). A dead peer costs one
     * connection attempt per pause, and its log one line (see {@link #dialOnce}).
     */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Longest wait for a TCP connection to open. */
    static final int CONNECT_TIMEOUT_MS = 3_000;

    /**
     * Longest pause after a peer that answered refused the link. It is up, and its refusals are
     * mostly brief (a rival link to it still being probed, its old self's link not yet gone after a
     * restart), so a refused dialler asks again within this rather than backing off to
     * {@link #MAX_BACKOFF}; a refusal costs the peer one handshake, and its log is throttled.
     */
    static final Duration REFUSED_BACKOFF = Duration.ofSeconds(2);

    /** A link that stayed up this long resets the backoff: its end is news, not a pattern. */
    static final Duration STABLE = Duration.ofSeconds(10);

    private final HostPort address;
    private final Hub hub;
    private final Handshake handshake;
    private final Duration silence;
    private final Set<PeerLink> live;
    private final Optional<SSLContext> tls;
    private final PeerBudget budget;
    private final RefusalLog refusals;
    private volatile boolean closed;
    private volatile Socket socket;
    private String peerName;
    /** True if the last dial reached the peer and was refused; the dialling thread's own. */
    private boolean refused;
    /** Why the last dial failed, null after a link; the dialling thread's own. */
    private String lastFailure;

    /**
     * {@code live} is where this dialer keeps its link while it runs, so the federation can end it
     * in order; its long frames are read within {@code budget}; refusals go to {@code refusals}.
     */
    PeerDialer(HostPort address, Hub hub, Handshake handshake, Duration silence, Set<PeerLink> live,
            Optional<SSLContext> tls, PeerBudget budget, RefusalLog refusals) {
        this.live = live;
        this.budget = budget;
        this.refusals = refusals;
        this.tls = tls;
        this.address = address;
        this.hub = hub;
        this.handshake = handshake;
        this.silence = silence;
    }

    @Override
    public void run() {
        int failures = 0;
        while (!closed) {
            if (peerName != null && hub.linkedTo(peerName)) {
                // The peer dialled us and that link won: stand by while it lives.
                if (!pause(FIRST_BACKOFF.multipliedBy(5))) {
                    return;
                }
                continue;
            }
            long started = System.nanoTime();
            boolean linked = dialOnce();
            boolean stable = linked && System.nanoTime() - started > STABLE.toNanos();
            failures = stable ? 0 : failures + 1;
            if (!pause(backoff(failures, refused))) {
                return;
            }
        }
    }

    /** One dial: connect, handshake, run the link to its end. True if the link came up. */
    private boolean dialOnce() {
        refused = false;
        try (Socket s = new Socket()) {
            socket = s;
            if (closed) {
                return false;
            }
            s.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            Socket link = tls.isPresent() ? overTls(s) : s;
            PeerChannel channel = new PeerChannel(link, new BufferedInputStream(link.getInputStream()), budget);
            Handshake.Peer peer = handshake.dial(channel);
            peerName = peer.name();
            LOG.log(Level.INFO, "linked to {0} at {1}", peer.name(), address);
            lastFailure = null;
            String why = Federation.runTracked(new PeerLink(channel, hub, peer, true, silence), live);
            LOG.log(Level.INFO, "link to {0} at {1} down: {2}", peer.name(), address, why);
            return true;
        } catch (Handshake.Refusal e) {
            refused = true;
            refusals.refused("link to " + address + " refused: " + e.getMessage());
        } catch (IOException e) {
            // A peer that stays down fails the same way every few seconds: one line says so.
            String why = String.valueOf(e.getMessage());
            boolean again = why.equals(lastFailure);
            lastFailure = why;
            LOG.log(closed || again ? Level.DEBUG : Level.INFO, "cannot link to {0}: {1}{2}", address, why,
                    again ? "" : " (dialling again every few seconds; the same failure again is logged at DEBUG)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            socket = null;
        }
        return false;
    }

    /** Wraps a connected socket in TLS, checking the peer's certificate names the address dialled. */
    private Socket overTls(Socket s) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().getSocketFactory().createSocket(s, address.host(), address.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        // close() keeps cutting the plain socket underneath: closing the TLS one would wait for a
        // writer blocked on a peer that stopped reading. The whole handshake gets one step's time,
        // so a peer trickling its answer cannot keep this dialler waiting.
        TlsHandshake.run(ssl, s, Duration.ofMillis(PeerChannel.HANDSHAKE_TIMEOUT_MS));
        return ssl;
    }

    /**
     * Capped exponential backoff with jitter: each pause is drawn from the upper half of its step,
     * capped lower after a refusal (see {@link #REFUSED_BACKOFF}).
     */
    static Duration backoff(int failures, boolean refused) {
        long cap = (refused ? REFUSED_BACKOFF : MAX_BACKOFF).toMillis();
        long step = Math.min(cap, FIRST_BACKOFF.toMillis() << Math.min(failures, 20));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops dialling and cuts the current link or attempt. */
    void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing dial socket failed: {0}", e.getMessage());
            }
        }
    }
}
