package linkchat.server.peer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

import linkchat.wire.FrameReader;

/**
 * The bytes of long peer payloads a server's links hold at once, from the moment a frame's
 * header says how long it is until the message is handled: however many links announce long
 * frames (or claim to, then stall), together they cannot pin more. Payloads of up to
 * {@code FrameReader.FIRST_CHUNK} bytes (events, pings) never wait for it. A link that waits
 * here reads nothing, so its silence timeout ends the wait if the budget stays taken. Safe for
 * any thread.
 */
final class PeerBudget {
    /**
     * Bytes of long peer payloads held at once by all links together: six of the largest
     * snapshots ({@link PeerChannel#MAX_PEER_PAYLOAD}) in flight, which a federation only sees
     * when several links come up at once; enough that those wait a moment, not for ever.
     */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private final Semaphore bytes;

    PeerBudget(int maxBytes) {
        this.bytes = new Semaphore(maxBytes, true);
    }

    PeerBudget() {
        this(MAX_BYTES);
    }

    /** Bytes free now: for tests. */
    int available() {
        return bytes.availablePermits();
    }

    /** One link's share: what it took for the payload it reads or handles now. One reading thread. */
    final class Share implements FrameReader.Allowance {
        private int held;

        @Override
        public void take(int n) throws IOException {
            try {
                bytes.acquire(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to read a long peer frame");
            }
            held += n;
        }

        /** The message is handled (or the link is gone): its bytes go back to the budget. Idempotent. */
        void giveBack() {
            if (held > 0) {
                bytes.release(held);
                held = 0;
            }
        }
    }
}
