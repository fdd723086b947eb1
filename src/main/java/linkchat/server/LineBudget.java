package linkchat.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

import linkchat.wire.FrameReader;

/**
 * The bytes of long client lines a server holds at once, from the moment a line's header says
 * how long it is until the line is handled: however many connections send long lines (or claim
 * to, then trickle them), together they cannot pin more. Lines of up to
 * {@link FrameReader#FIRST_CHUNK} bytes never wait for it, so ordinary chat goes on whatever
 * happens to long lines. Safe for any thread.
 */
final class LineBudget {
    /**
     * Bytes of long lines held at once by all clients together: 512 lines of 64 KiB in flight,
     * far more than any real conversation reads at one moment.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private final Semaphore bytes;

    LineBudget(int maxBytes) {
        this.bytes = new Semaphore(maxBytes, true);
    }

    LineBudget() {
        this(MAX_BYTES);
    }

    /** Bytes free now: for tests. */
    int available() {
        return bytes.availablePermits();
    }

    /**
     * One connection's share: what it took for the line it reads or handles now. After a wait,
     * {@code clock} starts over, so time spent waiting here is not counted against the client's
     * frame timeout. One reading thread.
     */
    final class Share implements FrameReader.Allowance {
        private final FrameClock clock;
        private int held;

        Share(FrameClock clock) {
            this.clock = clock;
        }

        @Override
        public void take(int n) throws IOException {
            if (!bytes.tryAcquire(n)) {
                try {
                    bytes.acquire(n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to read a long line");
                }
                clock.start();
            }
            held += n;
        }

        /** The line is handled: its bytes go back to the budget. */
        void giveBack() {
            if (held > 0) {
                bytes.release(held);
                held = 0;
            }
        }
    }
}
