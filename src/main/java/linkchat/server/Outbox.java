package linkchat.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import linkchat.store.Journal;
import linkchat.wire.Frames;

/**
 * The bounded queue of encoded frames waiting to be written to one client.
 *
 * <p>Any thread may call {@link #offer}, {@link #offerLast} and {@link #finish}. The hub calls
 * {@link #offer} under its lock, and all that runs there is this outbox's short locked section
 * (queue, drop, count; a writer holds the same lock only to take the queue) and, when no writer
 * runs, the start of a {@link Pump}'s: never a write, never a wait on the socket. Frames leave
 * through one writer, chosen once: a thread of the owner's that loops in {@link #writeTo} for
 * the outbox's whole life (server links), or a {@link Pump} (clients). Either way each batch
 * waits for the journal before it is written. Frames are shared, already encoded byte arrays:
 * the outbox never copies or changes them.
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
    /** Tries for the lock before parking: a few hundred nanoseconds, longer than anyone holds it. */
    private static final int LOCK_SPINS = 64;

    private final int maxFrames;
    private final long maxBytes;
    private final long maxMissed;
    private final long maxMissedBytes;
    private long missed;
    private long missedInARow;
    private long missedBytesInARow;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final Condition ended = lock.newCondition();
    private final byte[] overflowNotice;
    private final Runnable onOverflow;
    /** Written before any batch goes out: nothing is sent of an event the log could still lose. */
    private final Journal journal;
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** The writer's emptied batch, kept to become the next queue: two deques, reused, so none regrows. */
    private ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private long queuedBytes;
    /** Bytes of the batch the writer took last: {@link #takeMore} keeps one write within the bounds too. */
    private long takenBytes;
    /** Bytes of {@link #offerOwn} frames queued since the writer last took the queue. */
    private long ownBytes;
    private boolean finished;
    private boolean overflowed;
    /** The writer started while frames wait; null until {@link Pump#attach}, and for a looping writer. */
    private Pump pump;
    /** True while a pump's writer runs: the next one starts only after it ended. */
    private boolean pumping;

    /**
     * An outbox holding at most {@code maxFrames} frames and {@code maxBytes} bytes, that may
     * drop up to {@code maxMissed} of the oldest in a row (and {@code maxMissedBytes} of them)
     * before it gives up; {@code overflowNotice} is the last frame an overflowing reader gets;
     * {@code onOverflow} runs once, on the offering thread, and must not block.
     */
    public Outbox(int maxFrames, long maxBytes, long maxMissed, long maxMissedBytes, byte[] overflowNotice,
            Runnable onOverflow) {
        this(maxFrames, maxBytes, maxMissed, maxMissedBytes, overflowNotice, onOverflow, Journal.NONE);
    }

    /**
     * As the constructor without a journal, but each batch waits before it is written until
     * {@code journal} has written every record queued so far: the frames in it may tell of
     * events (an echo, a forward, a replay) that must be in the log before anyone sees them.
     */
    public Outbox(int maxFrames, long maxBytes, long maxMissed, long maxMissedBytes, byte[] overflowNotice,
            Runnable onOverflow, Journal journal) {
        this.journal = journal;
        this.maxMissedBytes = maxMissedBytes;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.maxMissed = maxMissed;
        this.overflowNotice = overflowNotice;
        this.onOverflow = onOverflow;
    }

    /**
     * Queues a frame made for this client alone (a reply, not a broadcast shared with everyone):
     * as {@link #offer}, and counted for {@link #awaitRoom}, since nobody else's queue shares it.
     */
    public boolean offerOwn(byte[] frame) {
        return enqueue(frame, true);
    }

    /** Queues a frame; returns false if the outbox is finished or this frame overflowed it. */
    public boolean offer(byte[] frame) {
        return enqueue(frame, false);
    }

    private boolean enqueue(byte[] frame, boolean own) {
        boolean start;
        boolean overflowsNow = false;
        lockBriefly();
        try {
            if (finished) {
                return false;
            }
            if (own) {
                ownBytes += frame.length;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            while ((queue.size() > maxFrames || queuedBytes > maxBytes) && queue.size() > 1) {
                int dropped = queue.removeFirst().length;
                queuedBytes -= dropped;
                missed++;
                missedInARow++;
                missedBytesInARow += dropped;
            }
            if (missedInARow > maxMissed || missedBytesInARow > maxMissedBytes) {
                overflow();
                overflowsNow = true;
            }
            start = wake();
        } finally {
            lock.unlock();
        }
        if (start) {
            journal.afterQueued(pump::start);
        }
        if (overflowsNow) {
            onOverflow.run();
            return false;
        }
        return true;
    }

    /**
     * Takes the lock for one of the short sections a broadcast and a writer contend for: it is
     * held for a moment, so spinning briefly beats parking a virtual thread that the other side
     * must then wake.
     */
    private void lockBriefly() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /**
     * Under the lock, after frames were queued or the outbox finished: signals a looping writer,
     * or claims the start of a pump's, returning true if the caller is to start it once it
     * unlocked. A pump with nothing left to write ends the outbox instead.
     */
    private boolean wake() {
        nonEmpty.signal();
        if (pump == null || pumping) {
            return false;
        }
        if (queue.isEmpty()) {
            if (finished) {
                ended.signalAll();
            }
            return false;
        }
        pumping = true;
        return true;
    }

    /** Runs {@code change} under the lock and wakes the writer, starting a pump's once unlocked. */
    private void wakeAfter(Runnable change) {
        boolean start;
        lock.lock();
        try {
            change.run();
            start = wake();
        } finally {
            lock.unlock();
        }
        if (start) {
            journal.afterQueued(pump::start);
        }
    }

    private void overflow() {
        queue.clear();
        queue.add(overflowNotice);
        queuedBytes = overflowNotice.length;
        overflowed = true;
        finished = true;
        room.signalAll();
    }

    /** Queues a final frame (unless already finished) and finishes: the writer ends once the queue is drained. */
    public void offerLast(byte[] frame) {
        finish(frame);
    }

    /** Accepts nothing more; the writer ends once what is queued is written. */
    public void finish() {
        finish(null);
    }

    private void finish(byte[] last) {
        wakeAfter(() -> {
            if (!finished && last != null) {
                queue.add(last);
                queuedBytes += last.length;
            }
            finished = true;
            room.signalAll();
        });
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
     * Blocks the calling reader while more than {@code frames} frames, or more than
     * {@code ownBytes} bytes of its own replies, wait here: a client that sends faster than it
     * takes its own lines back is read later, so it slows itself and nobody else, and one that
     * asks for replies it never reads cannot pin more than that. Returns at once once the outbox
     * is finished.
     */
    public void awaitRoom(int frames, long ownBytes) throws InterruptedException {
        lock.lock();
        try {
            while ((queue.size() > frames || this.ownBytes > ownBytes) && !finished) {
                room.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer's loop: writes batches of queued frames to {@code out}, one flush per batch,
     * until the outbox is finished and drained. Call from the one writer thread, unless a
     * {@link Pump} writes instead.
     */
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        while (writeBatch(out, true)) {
            // one batch a turn: whatever was queued while the last one was written
        }
    }

    /** Hands writing to {@code p}, which is started whenever frames wait and none of its writers runs. */
    void pumpWith(Pump p) {
        wakeAfter(() -> pump = p);
    }

    /** Takes what is queued ({@link #swap}) and writes it with one flush once the journal holds its events; false if none. */
    boolean writeBatch(OutputStream out, boolean wait) throws IOException, InterruptedException {
        ArrayDeque<byte[]> batch = swap(wait);
        if (batch == null) {
            return false;
        }
        if (awaitLogged() && takeMore(batch)) {
            awaitLogged(); // what came while it waited goes in the same write, once logged too
        }
        FrameBatch.write(batch, out);
        return true;
    }

    /** Adds what was queued while the batch waited for the log, within the bounds and with no gap to tell first; true if any. */
    private boolean takeMore(ArrayDeque<byte[]> batch) {
        lockBriefly();
        try {
            if (queue.isEmpty() || missed > 0 || batch.size() + queue.size() > maxFrames || takenBytes + queuedBytes > maxBytes) {
                return false;
            }
            takenBytes += queuedBytes;
            batch.addAll(queue);
            queue.clear();
            queuedBytes = 0;
            ownBytes = 0;
            room.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the journal holds every event queued so far, which covers the batch just taken;
     * true if it had to wait. A failed journal throws: the server stops, this writer with it.
     */
    private boolean awaitLogged() throws IOException {
        try {
            return journal.awaitQueued();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Nothing more will be written: drops what is queued, finishes and wakes everyone waiting. */
    void abandon() {
        lock.lock();
        try {
            queue.clear();
            queuedBytes = 0;
            finished = true;
            pumping = false;
            room.signalAll();
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until the outbox is finished and nothing more will be written:
     * its frames are written (or dropped after a failed write). True if so. An outbox without a
     * {@link Pump} (its writer loops in {@link #writeTo}, or none was given) is ended once finished.
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!finished || pumping || (pump != null && !queue.isEmpty())) {
                if (left <= 0) {
                    return false;
                }
                left = ended.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands the writer everything queued and keeps its last, emptied batch as the new queue.
     * With nothing queued, a looping writer ({@code wait}) waits for a frame and gets null once
     * the outbox is finished and drained; a pump's writer gets null at once and has ended.
     */
    private ArrayDeque<byte[]> swap(boolean wait) throws InterruptedException {
        lockBriefly();
        try {
            while (queue.isEmpty()) {
                if (!wait) {
                    pumping = false;
                    if (finished) {
                        ended.signalAll();
                    }
                    return null;
                }
                if (finished) {
                    return null;
                }
                nonEmpty.await();
            }
            ArrayDeque<byte[]> full = queue;
            queue = spare;
            spare = full;
            takenBytes = queuedBytes;
            queuedBytes = 0;
            ownBytes = 0;
            if (missed > 0) {
                full.addFirst(Frames.encode("* you missed " + missed + " lines: you are reading too slowly"));
                missed = 0;
            } else {
                missedInARow = 0;
                missedBytesInARow = 0;
            }
            room.signalAll();
            return full;
        } finally {
            lock.unlock();
        }
    }
}
