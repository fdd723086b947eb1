package linkchat.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import linkchat.wire.Frames;

/**
 * The bounded queue of encoded frames waiting to be written to one client.
 *
 * <p>Any thread may call {@link #offer}, {@link #offerLast} and {@link #finish}; exactly one
 * writer thread calls {@link #writeTo}. Frames are shared, already encoded byte arrays: the
 * outbox never copies or changes them.
 *
 * <p>Overflow rules:
 * <ol>
 *   <li>{@link #offer} never blocks and never waits for the socket.</li>
 *   <li>When a frame takes the queue past its frame or byte limit, the oldest frames are dropped
 *       until it fits, and counted. The writer puts a notice saying how many lines were missed
 *       in front of the next batch it writes.</li>
 *   <li>Once more than the allowed number of frames were dropped without the writer getting
 *       through one batch without new drops, everything queued is dropped, the overflow notice
 *       becomes the only frame left, and the outbox is finished: nothing more is accepted. An
 *       allowance of 0 makes the first overflow final (server links, which must never lose a
 *       frame, and catch up from the replay log instead).</li>
 *   <li>The owner is told once, through the overflow callback, so it can close the connection
 *       if the writer cannot even deliver that last notice.</li>
 *   <li>A client's own reader may wait in {@link #awaitRoom} before reading more from it: a
 *       sender that outpaces its own deliveries is slowed, and nobody else waits.</li>
 * </ol>
 */
public final class Outbox {
    /** Frames queued for one client: bounds the reference array a stalled reader pins. */
    public static final int CLIENT_MAX_FRAMES = 32_768;

    /** Bytes queued for one client, counted as if unshared: bounds what one stalled reader can pin. */
    public static final long CLIENT_MAX_BYTES = 8L * 1024 * 1024;

    /** Lines a client may miss in a row before it is cut off: a reader that far behind is gone in all but name. */
    public static final long CLIENT_MAX_MISSED = 100_000;

    /** Write buffer: a whole batch of queued frames usually leaves in one system call. */
    private static final int WRITE_BUFFER = 32 * 1024;

    /**
     * Write buffers lent to writers for one batch at a time, so an idle client holds none: ten
     * thousand idle clients would otherwise pin 320 MB of buffers. Holds at most as many as were
     * ever in use at once.
     */
    private static final ConcurrentLinkedQueue<byte[]> BUFFERS = new ConcurrentLinkedQueue<>();

    private final int maxFrames;
    private final long maxBytes;
    private final long maxMissed;
    private long missed;
    private long missedInARow;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final byte[] overflowNotice;
    private final Runnable onOverflow;
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean finished;
    private boolean overflowed;

    /**
     * An outbox holding at most {@code maxFrames} frames and {@code maxBytes} bytes, that may
     * drop up to {@code maxMissed} of the oldest in a row before it gives up;
     * {@code overflowNotice} is the last frame an overflowing reader gets; {@code onOverflow}
     * runs once, on the offering thread, and must not block.
     */
    public Outbox(int maxFrames, long maxBytes, long maxMissed, byte[] overflowNotice, Runnable onOverflow) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.maxMissed = maxMissed;
        this.overflowNotice = overflowNotice;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame; returns false if the outbox is finished or this frame overflowed it. */
    public boolean offer(byte[] frame) {
        lock.lock();
        try {
            if (finished) {
                return false;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            while ((queue.size() > maxFrames || queuedBytes > maxBytes) && queue.size() > 1) {
                queuedBytes -= queue.removeFirst().length;
                missed++;
                missedInARow++;
            }
            if (missedInARow <= maxMissed) {
                nonEmpty.signal();
                return true;
            }
            overflow();
        } finally {
            lock.unlock();
        }
        onOverflow.run();
        return false;
    }

    private void overflow() {
        queue.clear();
        queue.add(overflowNotice);
        queuedBytes = overflowNotice.length;
        overflowed = true;
        finished = true;
        nonEmpty.signal();
        room.signalAll();
    }

    /** Queues a final frame (unless already finished) and finishes: the writer ends once the queue is drained. */
    public void offerLast(byte[] frame) {
        lock.lock();
        try {
            if (!finished) {
                queue.add(frame);
                queuedBytes += frame.length;
            }
            finished = true;
            nonEmpty.signal();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Accepts nothing more; the writer ends once what is queued is written. */
    public void finish() {
        lock.lock();
        try {
            finished = true;
            nonEmpty.signal();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once the outbox has overflowed. */
    public boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks the calling reader while more than {@code frames} frames wait here: a client that
     * sends faster than it takes its own lines back is read later, so it slows itself and nobody
     * else. Returns at once once the outbox is finished.
     */
    public void awaitRoom(int frames) throws InterruptedException {
        lock.lock();
        try {
            while (queue.size() > frames && !finished) {
                room.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer's loop: writes batches of queued frames to {@code raw}, one flush per batch,
     * until the outbox is finished and drained. Call from the one writer thread.
     */
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        ArrayDeque<byte[]> batch = new ArrayDeque<>();
        while ((batch = swap(batch)) != null) {
            if (batch.size() == 1) {
                out.write(batch.peekFirst());
            } else {
                writeBatch(batch, out);
            }
            out.flush();
            batch.clear();
        }
    }

    /** Copies a batch into a borrowed buffer, writing it out each time it fills. */
    private static void writeBatch(ArrayDeque<byte[]> batch, OutputStream out) throws IOException {
        byte[] buf = BUFFERS.poll();
        if (buf == null) {
            buf = new byte[WRITE_BUFFER];
        }
        try {
            int used = 0;
            for (byte[] frame : batch) {
                if (used + frame.length > buf.length) {
                    out.write(buf, 0, used);
                    used = 0;
                }
                if (frame.length > buf.length) {
                    out.write(frame);
                } else {
                    System.arraycopy(frame, 0, buf, used, frame.length);
                    used += frame.length;
                }
            }
            out.write(buf, 0, used);
        } finally {
            BUFFERS.add(buf);
        }
    }

    /**
     * Waits for at least one frame, then hands the writer everything queued and keeps its
     * emptied batch as the new queue (two deques, reused, so none regrows). Returns null when the
     * outbox is finished and drained.
     */
    private ArrayDeque<byte[]> swap(ArrayDeque<byte[]> empty) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (finished) {
                    return null;
                }
                nonEmpty.await();
            }
            ArrayDeque<byte[]> full = queue;
            queue = empty;
            queuedBytes = 0;
            if (missed > 0) {
                full.addFirst(Frames.encode("* you missed " + missed + " lines: you are reading too slowly"));
                missed = 0;
            } else {
                missedInARow = 0;
            }
            room.signalAll();
            return full;
        } finally {
            lock.unlock();
        }
    }
}
