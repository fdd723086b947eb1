package linkchat.server;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Byte buffers of one size, lent to connections only while they move bytes, so ten thousand idle
 * clients hold none. Keeps what it is given back: at most as many as were ever lent at once.
 * Safe for any thread.
 */
final class BufferPool {
    private final int size;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    BufferPool(int size) {
        this.size = size;
    }

    /** A buffer of this pool's size, kept or new; its contents are whatever the last user left. */
    byte[] take() {
        byte[] buf = free.poll();
        return buf == null ? new byte[size] : buf;
    }

    /** Returns a buffer taken from this pool; its taker must not touch it again. */
    void give(byte[] buf) {
        free.add(buf);
    }
}
