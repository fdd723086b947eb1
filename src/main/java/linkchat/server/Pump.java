package linkchat.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The writer of an {@link Outbox} that holds a thread only while frames wait: the outbox starts
 * one when frames are queued and none runs, and it ends as soon as the queue is empty, so ten
 * thousand idle clients hold no writer thread and no stack. (A writer that loops for the
 * outbox's whole life, as a server link's, calls {@link Outbox#writeTo} itself.)
 *
 * <p>The outbox starts the thread once the journal holds every event queued before the frames
 * ({@link linkchat.store.Journal#afterQueued}): at once on whichever thread queued them, after
 * its own lock is released but possibly under the hub's, or on the log's sync thread after its sync.
 * Starting it is all that runs there, never a write.
 */
final class Pump {
    private final Outbox outbox;
    private final OutputStream out;
    private final ThreadFactory writers;
    private final Consumer<IOException> onFailure;

    private Pump(Outbox outbox, OutputStream out, ThreadFactory writers, Consumer<IOException> onFailure) {
        this.outbox = outbox;
        this.out = out;
        this.writers = writers;
        this.onFailure = onFailure;
    }

    /**
     * From now on, whenever frames wait in {@code outbox} and no writer runs, starts one from
     * {@code writers} that writes batches to {@code out} until the queue is empty. If a write
     * fails, everything queued is dropped, the outbox finishes and {@code onFailure} runs on the
     * writer, before {@link Outbox#awaitEnd} can return. Call once per outbox, instead of
     * {@link Outbox#writeTo}.
     */
    static void attach(Outbox outbox, OutputStream out, ThreadFactory writers, Consumer<IOException> onFailure) {
        outbox.pumpWith(new Pump(outbox, out, writers, onFailure));
    }

    /** Starts a writer; the outbox calls it once it has claimed the start (at most one runs). */
    void start() {
        try {
            writers.newThread(this::writeBatches).start();
        } catch (RuntimeException | Error e) {
            outbox.abandon();
            throw e;
        }
    }

    /** Writes batches until none is left, then lets the next offer start another writer. */
    private void writeBatches() {
        boolean over = false;
        try {
            while (outbox.writeBatch(out, false)) {
                // each turn waits for the journal, then writes one batch with one flush
            }
            over = true;
        } catch (IOException e) {
            over = true;
            try {
                onFailure.accept(e); // the owner hears first: awaitEnd must not return before it did
            } finally {
                outbox.abandon();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException("a pump's writer never waits for frames", e);
        } finally {
            if (!over) {
                outbox.abandon(); // a bug, not the network: nothing more can be written, so say so
            }
        }
    }
}
