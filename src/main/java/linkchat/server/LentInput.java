package linkchat.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream that holds its buffer only while bytes flow: before waiting for a
 * client's next line it gives the buffer back to a shared pool and waits for one byte alone,
 * so an idle client costs no read buffer. One reading thread.
 */
final class LentInput extends InputStream {
    /** Several chat lines, or a good share of a sender's burst, per system call. */
    static final int BUFFER = 2 * 1024;

    private static final BufferPool POOL = new BufferPool(BUFFER);

    private final InputStream raw;
    private byte[] buf;
    private int pos;
    private int end;
    private boolean ended;

    LentInput(InputStream raw) {
        this.raw = raw;
    }

    /**
     * Blocks until a byte can be read without blocking, or the stream ended; consumes nothing.
     * With nothing buffered, the buffer goes back to the pool for the wait. A read timeout set
     * on the socket ends the wait with its exception and leaves the stream as it was.
     */
    void awaitByte() throws IOException {
        if (pos < end || ended) {
            return;
        }
        release();
        int b = raw.read();
        if (b < 0) {
            ended = true;
            return;
        }
        buf = POOL.take();
        buf[0] = (byte) b;
        pos = 0;
        end = 1;
    }

    @Override
    public int read() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == end && !fill()) {
            return -1;
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return end - pos;
    }

    /** Gives the buffer back if it holds nothing unread; the stream stays usable. */
    void release() {
        if (buf != null && pos == end) {
            POOL.give(buf);
            buf = null;
            pos = 0;
            end = 0;
        }
    }

    /** True while a buffer is lent to this stream. */
    boolean holdsBuffer() {
        return buf != null;
    }

    @Override
    public void close() throws IOException {
        release();
        raw.close();
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (buf == null) {
            buf = POOL.take();
        }
        int n = raw.read(buf, 0, buf.length);
        if (n < 0) {
            ended = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
