package linkchat.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a stream in which TCP may have split or merged anything. Owned by one
 * reading thread; not safe for concurrent use.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[Frames.HEADER_SIZE];

    /** Reads from {@code in} (buffer it for speed), refusing payloads longer than {@code maxPayload} bytes. */
    public FrameReader(InputStream in, int maxPayload) {
        if (maxPayload < 0 || maxPayload > Frames.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("max payload must be 0.." + Frames.MAX_PAYLOAD_CEILING);
        }
        this.in = in;
        this.maxPayload = maxPayload;
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
        byte[] payload = new byte[length];
        if (readFully(payload) < length) {
            throw new EOFException("stream ended inside a frame payload");
        }
        return Frames.decode(payload);
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
