package linkchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Frames;

class PayloadTest {
    private static final String FIELDS = "00000012 00345678 0000123456789012";

    @Test
    void aFrameIsHeaderAndPaddedPayload() {
        byte[] frame = new byte[Payload.frameCapacity(100)];
        int length = Payload.encode(frame, 3, 1234, 987_654_321L, 100);
        assertEquals(Frames.HEADER_SIZE + 100, length);
        byte[] header = Arrays.copyOf(frame, Frames.HEADER_SIZE);
        assertEquals("100" + " ".repeat(61), new String(header, StandardCharsets.US_ASCII));
        String payload = new String(frame, Frames.HEADER_SIZE, 100, StandardCharsets.US_ASCII);
        assertEquals("00000003 00001234 0000000987654321" + ".".repeat(100 - Payload.FIELDS), payload);
    }

    @Test
    void aTooSmallSizeStillCarriesTheFields() {
        byte[] frame = new byte[Payload.frameCapacity(1)];
        int length = Payload.encode(frame, 0, 7, 5, 1);
        assertEquals(Frames.HEADER_SIZE + Payload.FIELDS, length);
        assertEquals("00000000 00000007 0000000000000005",
                new String(frame, Frames.HEADER_SIZE, length - Frames.HEADER_SIZE, StandardCharsets.US_ASCII));
    }

    @Test
    void theLineComesBackParsed() {
        byte[] frame = new byte[Payload.frameCapacity(60)];
        int length = Payload.encode(frame, 12, 345_678, 123_456_789_012L, 60);
        String payload = new String(frame, Frames.HEADER_SIZE, length - Frames.HEADER_SIZE, StandardCharsets.US_ASCII);
        Payload.Parsed parsed = new Payload.Parsed("bab12-");
        assertTrue(parse(parsed, "bab12-7: " + payload));
        assertEquals(12, parsed.sender);
        assertEquals(345_678, parsed.seq);
        assertEquals(123_456_789_012L, parsed.sentAt);
        assertTrue(parse(parsed, "bab12-19999: " + FIELDS));
        assertEquals(12, parsed.sender);
    }

    @Test
    void otherLinesAreRefused() {
        Payload.Parsed parsed = new Payload.Parsed("bab12-");
        for (String line : List.of("* bab12-1 joined " + FIELDS, "bzz99-1: " + FIELDS, "ala: " + FIELDS,
                "bab12-1: hello " + FIELDS, "bab12-1:" + FIELDS + ".", "bab12-1: " + FIELDS.substring(1),
                "bab12-1: 0000001x 00345678 0000123456789012", "bab12-1: 00000012 00345678 000012345678901/",
                "bab12-1: 00000012-00345678 0000123456789012", "bab12-1: 00000012 00345678.0000123456789012",
                "bab12-1: 00000012 00345678 00001234:6789012", "bab12-1: 00000012 0034567\u00e9 0000123456789012",
                "bab12-1 " + FIELDS, "bab12-: ", "")) {
            assertFalse(parse(parsed, line), line);
        }
        assertTrue(parse(parsed, "bab12-1: " + FIELDS));
    }

    @Test
    void eightDigitsAreReadAtOnceAndAnythingElseRefused() {
        assertEquals(12_345_678, Payload.eightDigits(ascii("x12345678"), 1));
        assertEquals(0, Payload.eightDigits(ascii("00000000"), 0));
        assertEquals(99_999_999, Payload.eightDigits(ascii("99999999"), 0));
        for (int pos = 0; pos < 8; pos++) {
            for (int bad : new int[] {0, '/', ':', ' ', 'a', 0x7f, 0x80, 0xb0, 0xff}) {
                byte[] b = ascii("12345678");
                b[pos] = (byte) bad;
                assertEquals(-1, Payload.eightDigits(b, 0), "byte " + bad + " at " + pos);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean parse(Payload.Parsed parsed, String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return parsed.parse(bytes, 2, bytes.length - 4);
    }
}
