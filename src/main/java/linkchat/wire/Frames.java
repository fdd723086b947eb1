package linkchat.wire;

import java.nio.charset.StandardCharsets;

/**
 * The frame format: a 64-byte header holding the payload's length in bytes as ASCII decimal
 * digits padded with spaces, then the payload in UTF-8. Stateless; safe from any thread.
 */
public final class Frames {
    /** Bytes in every header, as the original project sent them. */
    public static final int HEADER_SIZE = 64;

    /** Default payload cap: large enough for any chat line, small enough that a reader buffer stays cheap. */
    public static final int DEFAULT_MAX_PAYLOAD = 65_536;

    /** Hard ceiling for any configured cap: keeps one frame's buffer far from the heap's size. */
    public static final int MAX_PAYLOAD_CEILING = 16 * 1024 * 1024;

    private Frames() {}

    /** Encodes one payload as a complete frame: header and UTF-8 bytes in one array. */
    public static byte[] encode(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[HEADER_SIZE + body.length];
        writeHeader(frame, body.length);
        System.arraycopy(body, 0, frame, HEADER_SIZE, body.length);
        return frame;
    }

    /** Writes the header for {@code length} into the first {@link #HEADER_SIZE} bytes of {@code dst}. */
    static void writeHeader(byte[] dst, int length) {
        byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, dst, 0, digits.length);
        for (int i = digits.length; i < HEADER_SIZE; i++) {
            dst[i] = ' ';
        }
    }

    /**
     * Parses a header: optional spaces, at least one ASCII digit, optional spaces. Refuses
     * anything else, and any length above {@code maxPayload}, before a byte of payload is allocated.
     */
    public static int parseHeader(byte[] header, int maxPayload) throws FrameException {
        int start = 0;
        int end = HEADER_SIZE;
        while (start < end && header[start] == ' ') {
            start++;
        }
        while (end > start && header[end - 1] == ' ') {
            end--;
        }
        if (start == end) {
            throw new FrameException("frame header holds no length");
        }
        long length = 0;
        for (int i = start; i < end; i++) {
            byte b = header[i];
            if (b < '0' || b > '9') {
                throw new FrameException("frame header must be one decimal number with only spaces around it, found byte 0x"
                        + String.format("%02x", b & 0xff) + " at offset " + i);
            }
            length = length * 10 + (b - '0');
            if (length > maxPayload) {
                throw new FrameException("frame length exceeds the " + maxPayload + "-byte limit");
            }
        }
        return (int) length;
    }

    /** Decodes a payload; invalid UTF-8 becomes U+FFFD rather than an error. */
    public static String decode(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
