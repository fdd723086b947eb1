package linkchat.testing;

import java.io.InputStream;

/** Hands out its bytes the way TCP may: split at one point, or a few bytes per read. */
public final class ChunkedStream extends InputStream {
    private final byte[] data;
    private final int split;
    private final int chunk;
    private int pos;

    private ChunkedStream(byte[] data, int split, int chunk) {
        this.data = data;
        this.split = split;
        this.chunk = chunk;
    }

    /** Two reads' worth: the bytes before {@code at}, then the rest. */
    public static ChunkedStream splitAt(byte[] data, int at) {
        return new ChunkedStream(data, at, Integer.MAX_VALUE);
    }

    /** At most {@code size} bytes per read. */
    public static ChunkedStream inChunksOf(byte[] data, int size) {
        return new ChunkedStream(data, -1, size);
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int end = pos < split ? split : data.length;
        int n = Math.min(Math.min(len, chunk), end - pos);
        if (n == 0) {
            n = Math.min(Math.min(len, chunk), data.length - pos);
        }
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
