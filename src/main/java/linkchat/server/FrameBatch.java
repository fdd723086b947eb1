package linkchat.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * Writes a batch of encoded frames in as few system calls as it can: one frame as it is, a few
 * copied into an array of their size, more through a write buffer lent for the batch. Safe for
 * any number of writers at once.
 */
final class FrameBatch {
    /**
     * Write buffers, a whole batch of queued frames usually leaving in one system call, lent for
     * one batch at a time: ten thousand idle clients would otherwise pin 320 MB of them.
     */
    private static final BufferPool BUFFERS = new BufferPool(32 * 1024);

    /** Batches up to this many bytes are copied into a new array of their size instead. */
    private static final int SMALL_BATCH = 4 * 1024;

    private FrameBatch() {}

    /** Writes every frame of {@code batch} to {@code out}, flushes, and empties the batch. */
    static void write(ArrayDeque<byte[]> batch, OutputStream out) throws IOException {
        if (batch.size() == 1) {
            out.write(batch.peekFirst());
        } else {
            writeBatch(batch, out);
        }
        out.flush();
        batch.clear();
    }

    /**
     * Copies a batch into one buffer and writes it: a few frames into an array of their own size
     * (cheaper than a trip to the shared pool), more into a borrowed buffer, written out each time
     * it fills.
     */
    private static void writeBatch(ArrayDeque<byte[]> batch, OutputStream out) throws IOException {
        int small = 0;
        for (byte[] frame : batch) {
            small += frame.length;
            if (small > SMALL_BATCH) {
                break;
            }
        }
        if (small <= SMALL_BATCH) {
            byte[] buf = new byte[small];
            int used = 0;
            for (byte[] frame : batch) {
                System.arraycopy(frame, 0, buf, used, frame.length);
                used += frame.length;
            }
            out.write(buf);
            return;
        }
        byte[] buf = BUFFERS.take();
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
            BUFFERS.give(buf);
        }
    }
}
