package linkchat.server;

import java.time.Duration;
import java.util.Optional;

/**
 * A live link to another server, as the {@link Hub} sees it: the narrow interface through which
 * the peer package joins the conversation. Implementations are called under the hub's lock, so
 * none of these may block, but for {@link #answers}, which the hub calls outside it.
 */
public interface Link {
    /** The name of the server at the other end. */
    String peerName();

    /** The boot id of the server at the other end, as its handshake gave it. */
    long peerBoot();

    /** True if this link should survive when two links to the same server exist: the one dialled by the lower name. */
    boolean preferred();

    /** Queues an encoded frame for the peer; never blocks. */
    void send(byte[] frame);

    /**
     * Asks the peer for any word (a ping) and waits up to {@code within} for a frame from it;
     * false if none came or the link went down. Blocks: never called under the hub's lock.
     */
    boolean answers(Duration within) throws InterruptedException;

    /** The round trip of the link's last answered heartbeat, if one was answered yet. */
    default Optional<Duration> roundTrip() {
        return Optional.empty();
    }

    /** Takes the link down; returns at once. */
    void close(String reason);
}
