package linkchat.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames from a stream in which TCP may have split or merged anything. Owned by one
 * reading thread; not safe for concurrent use.
 */
public final class FrameReader {
    /**
     * The payload buffer's first size; it doubles as bytes arrive. A header alone then costs no
     * more than this: ten thousand connections announcing 64 KiB and sending nothing would
     * otherwise pin 640 MB.
     */
    static final int FIRST_CHUNK = 8 * 1024;

    /**
     * What a reader must obtain before it reads a payload longer than {@link #FIRST_CHUNK}: lets
     * a server bound the bytes of long lines all its connections hold at once.
     */
    @FunctionalInterface
    public interface Allowance {
        /** Blocks until {@code bytes} more may be held; the caller gives them back when done with the payload. */
        void take(int bytes) throws IOException;
    }

    private static final Allowance UNLIMITED = bytes -> { };

    private final InputStream in;
    private final int maxPayload;
    private final Allowance allowance;
    private final byte[] header = new byte[Frames.HEADER_SIZE];

    /** Reads from {@code in} (buffer it for speed), refusing payloads longer than {@code maxPayload} bytes. */
    public FrameReader(InputStream in, int maxPayload) {
        this(in, maxPayload, UNLIMITED);
    }

    /** As {@link #FrameReader(InputStream, int)}, taking each long payload's bytes from {@code allowance} first. */
    public FrameReader(InputStream in, int maxPayload, Allowance allowance) {
        if (maxPayload < 0 || maxPayload > Frames.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("max payload must be 0.." + Frames.MAX_PAYLOAD_CEILING);
        }
        this.in = in;
        this.maxPayload = maxPayload;
        this.allowance = allowance;
    }

    /**
     * Returns the next payload, or {@code null} when the stream ends cleanly between frames.
     *
     * @throws FrameException the header breaks the format or announces too long a payload
     * @throws EOFException the stream ended inside a frame
     */
    public String read() throws IOException {
        int got = readFully(header);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw new EOFException("stream ended inside a frame header");
        }
        int length = Frames.parseHeader(header, maxPayload);
        if (length > FIRST_CHUNK) {
            allowance.take(length);
        }
        return Frames.decode(readPayload(length));
    }

    /** Reads {@code length} bytes into a buffer that grows only as they arrive. */
    private byte[] readPayload(int length) throws IOException {
        byte[] buf = new byte[Math.min(length, FIRST_CHUNK)];
        int off = 0;
        while (off < length) {
            if (off == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame payload");
            }
            off += n;
        }
        return buf;
    }

    private int readFully(byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }
}
