package linkchat.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import linkchat.wire.FrameReader;

/**
 * The bytes of long client lines a server holds at once, from the moment a line's header says
 * how long it is until the line is handled: however many connections send long lines (or claim
 * to, then trickle them), together they cannot pin more, and those from one address cannot take
 * more than a share of it, so one host stalling long lines stalls its own. Lines of up to
 * {@link FrameReader#FIRST_CHUNK} bytes never wait for it, so ordinary chat goes on whatever
 * happens to long lines. Safe for any thread.
 */
final class LineBudget {
    /**
     * Bytes of long lines held at once by all clients together: 512 lines of 64 KiB in flight,
     * far more than any real conversation reads at one moment.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    /**
     * The part of {@link #MAX_BYTES} one address may hold: 700 connections from one host that
     * announced long lines and stalled held all of it, and everyone's long lines waited 30 s.
     */
    static final int ADDRESS_SHARE = 8;

    private final Semaphore bytes;
    private final int perAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();

    /** A budget of {@code maxBytes}, of which one address holds at most {@code perAddress} (but always one longest line). */
    LineBudget(int maxBytes, int perAddress) {
        this.bytes = new Semaphore(maxBytes, true);
        this.perAddress = perAddress;
    }

    /** The default budget, for lines of up to {@code maxPayload} bytes. */
    static LineBudget forPayloads(int maxPayload) {
        return new LineBudget(Math.max(MAX_BYTES, maxPayload), Math.max(MAX_BYTES / ADDRESS_SHARE, maxPayload));
    }

    /** Bytes free now: for tests. */
    int available() {
        return bytes.availablePermits();
    }

    /** Counts {@code n} bytes against {@code address}, first waiting while its share is full; true if it waited. */
    private boolean holdForAddress(InetAddress address, int n) throws InterruptedException {
        boolean waited = false;
        lock.lock();
        try {
            while (byAddress.getOrDefault(address, 0) + n > perAddress) {
                freed.await();
                waited = true;
            }
            byAddress.merge(address, n, Integer::sum);
            return waited;
        } finally {
            lock.unlock();
        }
    }

    private void releaseForAddress(InetAddress address, int n) {
        lock.lock();
        try {
            byAddress.computeIfPresent(address, (a, held) -> held == n ? null : held - n);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One connection's share: what it took for the line it reads or handles now. After a wait,
     * {@code clock} starts over, so time spent waiting here is not counted against the client's
     * frame timeout. One reading thread.
     */
    final class Share implements FrameReader.Allowance {
        private final FrameClock clock;
        private final InetAddress address;
        private int held;

        Share(FrameClock clock, InetAddress address) {
            this.clock = clock;
            this.address = address;
        }

        @Override
        public void take(int n) throws IOException {
            boolean waited;
            try {
                waited = holdForAddress(address, n);
                if (!bytes.tryAcquire(n)) {
                    waited = true;
                    try {
                        bytes.acquire(n);
                    } catch (InterruptedException e) {
                        releaseForAddress(address, n);
                        throw e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to read a long line");
            }
            if (waited) {
                clock.start();
            }
            held += n;
        }

        /** The line is handled: its bytes go back to the budget. */
        void giveBack() {
            if (held > 0) {
                bytes.release(held);
                releaseForAddress(address, held);
                held = 0;
            }
        }
    }
}
