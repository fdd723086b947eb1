package linkchat.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import linkchat.wire.Frames;

/**
 * The bench's chat payload, {@code SENDER SEQ SENT_AT} as zero-padded decimals of fixed width
 * followed by {@code .} padding up to the requested size, and the parse of the line it comes back
 * as, {@code NICK: payload}, straight from bytes at fixed offsets without allocating.
 * {@code SENT_AT} is nanoseconds since the run's epoch. The payload neither starts with {@code /}
 * nor ends with a space, so the server relays it unchanged. Stateless apart from {@link Parsed},
 * which one reader reuses.
 */
final class Payload {
    /** Digits of the sender index: one word, and far more than {@link BenchConfig#MAX_CLIENTS}. */
    static final int SENDER_DIGITS = 8;

    /** Digits of the sequence number: one word, covering {@link BenchConfig#MAX_MESSAGES}. */
    static final int SEQ_DIGITS = 8;

    /** Digits of the send time in nanoseconds since the run's epoch: two words, 115 days before it wraps. */
    static final int TIME_DIGITS = 16;

    /** The fields part: the three numbers and the two spaces between them. */
    static final int FIELDS = SENDER_DIGITS + 1 + SEQ_DIGITS + 1 + TIME_DIGITS;

    private static final int SEQ_AT = SENDER_DIGITS + 1;
    private static final int TIME_AT = SEQ_AT + SEQ_DIGITS + 1;
    private static final byte PAD = '.';

    /** Eight bytes as one little-endian long: the first digit lands in the lowest byte. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long TOP_BITS = 0x8080_8080_8080_8080L;
    private static final long ABOVE_NINE = 0x7676_7676_7676_7676L;
    private static final long TEN_TO_8 = 100_000_000L;

    private Payload() {}

    /** Bytes a frame buffer needs to encode payloads of {@code size}. */
    static int frameCapacity(int size) {
        return Frames.HEADER_SIZE + Math.max(size, FIELDS);
    }

    /**
     * Encodes a whole frame (header and payload) into {@code frame} from offset 0 and returns its
     * length; the payload is {@code size} bytes, or just the fields if they are longer.
     */
    static int encode(byte[] frame, int sender, int seq, long sentAt, int size) {
        int at = Frames.HEADER_SIZE;
        writeDigits(frame, at, SENDER_DIGITS, sender);
        frame[at + SEQ_AT - 1] = ' ';
        writeDigits(frame, at + SEQ_AT, SEQ_DIGITS, seq);
        frame[at + TIME_AT - 1] = ' ';
        writeDigits(frame, at + TIME_AT, TIME_DIGITS, sentAt);
        int length = Math.max(size, FIELDS);
        for (int i = at + FIELDS; i < at + length; i++) {
            frame[i] = PAD;
        }
        int digits = 1;
        for (int v = length; v >= 10; v /= 10) {
            digits++;
        }
        writeDigits(frame, 0, digits, length);
        for (int i = digits; i < Frames.HEADER_SIZE; i++) {
            frame[i] = ' ';
        }
        return at + length;
    }

    /** Writes the low {@code digits} decimal digits of {@code value} (not negative), zero-padded, at {@code at}. */
    static void writeDigits(byte[] dst, int at, int digits, long value) {
        long v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** The fields of the last line {@link #parse} accepted. Reused by its one reading thread. */
    static final class Parsed {
        private final byte[] nickPrefix;
        int sender;
        int seq;
        long sentAt;

        /** Accepts only lines whose nick starts with {@code nickPrefix}: the nicks of this run. */
        Parsed(String nickPrefix) {
            this.nickPrefix = nickPrefix.getBytes(StandardCharsets.US_ASCII);
        }

        /**
         * Parses {@code NICK: SENDER SEQ SENT_AT...} in {@code buf[off, off+len)}; returns false,
         * leaving the fields unspecified, for any other line (notices, other runs, other people).
         */
        boolean parse(byte[] buf, int off, int len) {
            if (len < nickPrefix.length + 3 + FIELDS) {
                return false;
            }
            for (int k = 0; k < nickPrefix.length; k++) {
                if (buf[off + k] != nickPrefix[k]) {
                    return false;
                }
            }
            int i = off + nickPrefix.length;
            int last = off + len - FIELDS - 2;
            while (i < last && buf[i] != ':') {
                i++;
            }
            int f = i + 2;
            if (buf[i] != ':' || buf[i + 1] != ' ' || buf[f + SEQ_AT - 1] != ' ' || buf[f + TIME_AT - 1] != ' ') {
                return false;
            }
            long s = eightDigits(buf, f);
            long q = eightDigits(buf, f + SEQ_AT);
            long high = eightDigits(buf, f + TIME_AT);
            long low = eightDigits(buf, f + TIME_AT + Long.BYTES);
            if ((s | q | high | low) < 0) {
                return false;
            }
            sender = (int) s;
            seq = (int) q;
            sentAt = high * TEN_TO_8 + low;
            return true;
        }
    }

    /**
     * The value of the eight decimal digits at {@code at}, or -1 if any byte is not a digit. All
     * eight are converted at once (SWAR): this runs for every delivery, and a digit-by-digit loop
     * was the bench's largest cost.
     */
    static long eightDigits(byte[] buf, int at) {
        long v = (long) WORDS.get(buf, at) - ZEROS;
        // A byte that was not '0'..'9' now has its top bit set, either as is or once 0x76 is added.
        if ((((v + ABOVE_NINE) | v) & TOP_BITS) != 0) {
            return -1;
        }
        v = (v * 10 + (v >>> 8)) & 0x00FF_00FF_00FF_00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000_FFFF_0000_FFFFL;
        return (v * 10_000 + (v >>> 32)) & 0xFFFF_FFFFL;
    }
}
