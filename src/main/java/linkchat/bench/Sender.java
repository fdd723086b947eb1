package linkchat.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender: after the start barrier, writes its messages on its client's connection, paced by
 * the rate and held back by the window. Frames collect in a buffer that is flushed whenever the
 * sender is about to wait (for the window or the pace) and when full, so a closed loop sees
 * every frame leave at once and a flat-out sender makes few system calls. Runs on a platform
 * thread of its own (the bench's {@code bench-sender-N}), so its pace does not wait for a carrier
 * thread; others may read {@link #sent} and, after it ended, the rest.
 */
final class Sender implements Runnable {
    private static final System.Logger LOG = System.getLogger(Sender.class.getName());

    /** Send buffer: about 80 frames of 100 bytes per system call when sending flat out. */
    static final int SEND_BUFFER = 16 * 1024;

    private final int index;
    private final BenchClient client;
    private final BenchConfig config;
    private final long epoch;
    private final Semaphore window;
    private final CountDownLatch start;
    private volatile long sent;
    private volatile long firstMeasuredSend;
    private volatile String failure;

    /** Sender {@code index}, writing on {@code client}'s connection once {@code start} opens. */
    Sender(int index, BenchClient client, BenchConfig config, long epoch, Semaphore window, CountDownLatch start) {
        this.index = index;
        this.client = client;
        this.config = config;
        this.epoch = epoch;
        this.window = window;
        this.start = start;
    }

    @Override
    public void run() {
        try {
            start.await();
            send(new BufferedOutputStream(client.output(), SEND_BUFFER));
        } catch (IOException e) {
            if (!client.leaving()) {
                failure = "sender " + index + ": " + e.getMessage();
            }
            LOG.log(Level.DEBUG, "sender {0} failed: {1}", index, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(OutputStream out) throws IOException, InterruptedException {
        byte[] frame = new byte[Payload.frameCapacity(config.size())];
        long interval = config.rate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / config.rate();
        long begin = System.nanoTime();
        for (int seq = 0; seq < config.total(); seq++) {
            if (!awaitWindow(out)) {
                failure = "sender " + index + ": no room in the window for " + config.timeout().toSeconds()
                        + " s: its own messages stopped coming back";
                break;
            }
            pace(out, begin + seq * interval);
            long now = System.nanoTime();
            if (seq == config.warmup()) {
                firstMeasuredSend = now;
            }
            out.write(frame, 0, Payload.encode(frame, index, seq, now - epoch, config.size()));
            sent = seq + 1L;
        }
        out.flush();
    }

    /** Takes a place in the window, flushing first if it has to wait; false if none came within the timeout. */
    private boolean awaitWindow(OutputStream out) throws IOException, InterruptedException {
        if (window == null || window.tryAcquire()) {
            return true;
        }
        out.flush();
        return window.tryAcquire(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until {@code due}, flushing first; a sender behind schedule does not wait, so it catches up. */
    private static void pace(OutputStream out, long due) throws IOException, InterruptedException {
        long wait = due - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        out.flush();
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            wait = due - System.nanoTime();
        }
    }

    /** Messages written so far, warm-up included. */
    long sent() {
        return sent;
    }

    /** {@link System#nanoTime} of the first measured message's send, 0 if none was sent. */
    long firstMeasuredSend() {
        return firstMeasuredSend;
    }

    /** Why the sender stopped early, or null. */
    String failure() {
        return failure;
    }
}
