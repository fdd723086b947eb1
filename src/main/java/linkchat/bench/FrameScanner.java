package linkchat.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import linkchat.wire.Frames;

/**
 * Reads frames into one reused buffer and hands out each payload in place, so a receiver at
 * millions of frames a second allocates nothing per frame (the wire package's FrameReader makes
 * a byte array and a String of each). The usual header is read a word at a time; any other is
 * left to {@link Frames#parseHeader}, which accepts or refuses it exactly as the server would.
 * Works on a blocking source ({@link #next} waits for a whole frame) or a non-blocking one
 * ({@link #readSome} takes what is there, {@link #poll} hands out the frames it completed).
 * Read one frame at a time, it asks the source for no more than the frame needs (the header,
 * then the payload), as a simple client does. Owned by one reading thread at a time.
 */
final class FrameScanner {
    /** Starting buffer: many 100-byte frames per system call for little memory per client. */
    static final int INITIAL_BUFFER = 32 * 1024;

    /** Bytes compared at once: the length's digits (at most 8 for any allowed payload) fit in the first word. */
    private static final int WORD = Long.BYTES;
    private static final long SPACES = 0x2020_2020_2020_2020L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Where bytes come from: like {@link InputStream#read(byte[], int, int)}, but a non-blocking source may return 0. */
    @FunctionalInterface
    interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    private final Source in;
    private final int maxPayload;
    private final boolean frameAtATime;
    private final byte[] header = new byte[Frames.HEADER_SIZE];
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    private int payloadOffset;
    private int payloadLength;
    private long arrivedAt;
    /** Bytes the frame being read needs in all: its header's, then its whole length once the header is in. */
    private int wanted = Frames.HEADER_SIZE;

    /** Reads from {@code in} (unbuffered is best: this is the buffer), refusing payloads over {@code maxPayload}. */
    FrameScanner(InputStream in, int maxPayload) {
        this(in::read, maxPayload);
    }

    /** Reads from {@code in}, blocking or not, refusing payloads over {@code maxPayload}. */
    FrameScanner(Source in, int maxPayload) {
        this(in, maxPayload, false);
    }

    /**
     * Reads from {@code in}, refusing payloads over {@code maxPayload}; with {@code frameAtATime}
     * each read asks only for the rest of the header or payload being read, never for more.
     */
    FrameScanner(Source in, int maxPayload, boolean frameAtATime) {
        this.in = in;
        this.maxPayload = maxPayload;
        this.frameAtATime = frameAtATime;
    }

    /**
     * Moves to the next frame, reading until it is whole; returns false when the stream ends
     * cleanly between frames. For a blocking source.
     *
     * @throws linkchat.wire.FrameException the header breaks the format or announces too long a payload
     * @throws EOFException the stream ended inside a frame
     */
    boolean next() throws IOException {
        while (!poll()) {
            if (readSome() < 0) {
                if (start == end) {
                    return false;
                }
                throw new EOFException("stream ended inside a frame");
            }
        }
        return true;
    }

    /**
     * Moves to the next frame if it is already buffered whole (true); false if it needs more
     * bytes, which {@link #readSome} reads. Never reads.
     *
     * @throws linkchat.wire.FrameException the header breaks the format or announces too long a payload
     */
    boolean poll() throws IOException {
        int buffered = end - start;
        if (buffered < Frames.HEADER_SIZE) {
            return false;
        }
        int length = quickLength(buf, start);
        if (length < 0 || length > maxPayload) {
            System.arraycopy(buf, start, header, 0, Frames.HEADER_SIZE);
            length = Frames.parseHeader(header, maxPayload);
        }
        if (buffered < Frames.HEADER_SIZE + length) {
            wanted = Frames.HEADER_SIZE + length;
            return false;
        }
        wanted = Frames.HEADER_SIZE;
        payloadOffset = start + Frames.HEADER_SIZE;
        payloadLength = length;
        start = payloadOffset + length;
        return true;
    }

    /**
     * One read from the source into the buffer, first made big enough for the frame being read:
     * the bytes read, 0 if a non-blocking source had none, -1 at the end of the stream.
     */
    int readSome() throws IOException {
        makeRoom(wanted);
        int ask = frameAtATime ? Math.max(1, wanted - (end - start)) : buf.length - end;
        int got = in.read(buf, end, ask);
        if (got > 0) {
            end += got;
            arrivedAt = System.nanoTime();
        }
        return got;
    }

    /**
     * The length in the common header shape, digits from the first byte then only spaces, read
     * eight bytes at a time; -1 for any other shape, which {@link Frames#parseHeader} then judges.
     */
    static int quickLength(byte[] b, int at) {
        int length = 0;
        int i = at;
        while (i < at + WORD && b[i] >= '0' && b[i] <= '9') {
            length = length * 10 + (b[i++] - '0');
        }
        if (i == at) {
            return -1;
        }
        for (; i < at + WORD; i++) {
            if (b[i] != ' ') {
                return -1;
            }
        }
        for (; i < at + Frames.HEADER_SIZE; i += WORD) {
            if ((long) LONGS.get(b, i) != SPACES) {
                return -1;
            }
        }
        return length;
    }

    /** The buffer holding the current payload; valid until the next call to {@link #next}. */
    byte[] buffer() {
        return buf;
    }

    /** Where the current payload starts in {@link #buffer}. */
    int offset() {
        return payloadOffset;
    }

    /** The current payload's length in bytes. */
    int length() {
        return payloadLength;
    }

    /** The current payload decoded: for the rare frames worth a String. */
    String text() {
        return new String(buf, payloadOffset, payloadLength, StandardCharsets.UTF_8);
    }

    /** {@link System#nanoTime} just after the read that completed the current frame. */
    long arrivedAt() {
        return arrivedAt;
    }

    /** Moves the unconsumed bytes to the front, growing the buffer if {@code n} would not fit. */
    private void makeRoom(int n) {
        if (buf.length - start >= n && buf.length - end >= buf.length / 4) {
            return;
        }
        byte[] target = n > buf.length ? new byte[Math.max(n, buf.length * 2)] : buf;
        System.arraycopy(buf, start, target, 0, end - start);
        buf = target;
        end -= start;
        start = 0;
    }
}
