package linkchat.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * Writes a batch of encoded frames in as few system calls as it can: one frame as it is, more
 * through a write buffer lent for the batch (a new array per batch was half of all the server
 * allocated, and its collections paused deliveries). Safe for any number of writers at once.
 */
final class FrameBatch {
    /**
     * Write buffers, a whole batch of queued frames usually leaving in one system call, lent for
     * one batch at a time: ten thousand idle clients would otherwise pin 320 MB of them.
     */
    private static final BufferPool BUFFERS = new BufferPool(32 * 1024);

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

    /** Copies a batch into a borrowed buffer, writing it out each time it fills. */
    private static void writeBatch(ArrayDeque<byte[]> batch, OutputStream out) throws IOException {
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
