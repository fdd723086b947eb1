package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import linkchat.testing.ChunkedStream;

class FrameReaderTest {
    private static final int MAX = Frames.DEFAULT_MAX_PAYLOAD;

    /** Valid wire samples: each one, whole, decodes to the listed payloads. */
    private record Sample(byte[] bytes, List<String> payloads) {}

    private static List<Sample> samples() {
        return List.of(
                new Sample(Frames.encode("hi"), List.of("hi")),
                new Sample(Frames.encode(""), List.of("")),
                new Sample(Frames.encode("zażółć gęślą jaźń ✓ 😀"), List.of("zażółć gęślą jaźń ✓ 😀")),
                new Sample(concat(Frames.encode("one"), Frames.encode("two"), Frames.encode("three")),
                        List.of("one", "two", "three")),
                new Sample(raw(header("   5") + "hello"), List.of("hello")),
                new Sample(raw(header("  11  ") + "dzien dobry"), List.of("dzien dobry")),
                new Sample(raw(header("3") + "DISCONNECT".substring(0, 3)), List.of("DIS")));
    }

    @Test
    void everySampleDecodesWhenSplitAtEveryByte() throws IOException {
        for (Sample sample : samples()) {
            for (int split = 0; split <= sample.bytes().length; split++) {
                InputStream in = ChunkedStream.splitAt(sample.bytes(), split);
                assertEquals(sample.payloads(), readAll(in), "split at " + split);
            }
        }
    }

    @Test
    void everySampleDecodesOneByteAtATime() throws IOException {
        for (Sample sample : samples()) {
            assertEquals(sample.payloads(), readAll(ChunkedStream.inChunksOf(sample.bytes(), 1)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, FrameReader.FIRST_CHUNK - 1, FrameReader.FIRST_CHUNK, 1 << 20})
    void aPayloadLongerThanTheFirstChunkGrowsItsBufferAsItArrives(int chunk) throws IOException {
        String payload = "ż".repeat(FrameReader.FIRST_CHUNK * 3 / 2 + 5) + "end";
        byte[] frame = concat(Frames.encode(payload), Frames.encode("next"));
        assertEquals(List.of(payload, "next"), readAll(ChunkedStream.inChunksOf(frame, chunk)));
    }

    @Test
    void encodeWritesTheOriginalHeader() {
        byte[] frame = Frames.encode("abc");
        assertEquals(Frames.HEADER_SIZE + 3, frame.length);
        assertArrayEquals(raw(header("3") + "abc"), frame);
    }

    @ParameterizedTest(name = "refuses header \"{0}\"")
    @ValueSource(strings = {
        "", "abc", "-5", "+5", "1 2", "12a", "0x10", "1e3", "\t5", "5\n", "4.0", "٣",
        "65537", "99999999999999999999999999999999999999999999999999999999999999"})
    void refusesBadHeaders(String header) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(raw(header(header) + "payload")), MAX);
        assertThrows(FrameException.class, reader::read);
    }

    @Test
    void refusesNulPaddedHeader() {
        byte[] frame = new byte[Frames.HEADER_SIZE + 2];
        frame[0] = '2';
        assertThrows(FrameException.class, () -> new FrameReader(new ByteArrayInputStream(frame), MAX).read());
    }

    @Test
    void refusesHugeLengthWithoutReadingPayload() {
        // Only the header is there: a reader that allocated or waited for the payload would hang or throw EOF.
        byte[] only = raw(header("2000000000"));
        assertThrows(FrameException.class, () -> new FrameReader(new ByteArrayInputStream(only), MAX).read());
    }

    @Test
    void acceptsPayloadExactlyAtTheLimit() throws IOException {
        String payload = "x".repeat(100);
        assertEquals(payload, new FrameReader(new ByteArrayInputStream(Frames.encode(payload)), 100).read());
        assertThrows(FrameException.class,
                () -> new FrameReader(new ByteArrayInputStream(Frames.encode(payload + "x")), 100).read());
    }

    @Test
    void cleanEndBetweenFramesIsNullButEndInsideIsAnError() throws IOException {
        assertNull(new FrameReader(new ByteArrayInputStream(new byte[0]), MAX).read());
        byte[] frame = Frames.encode("hello");
        for (int cut = 1; cut < frame.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(frame, cut);
            assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(part), MAX).read(),
                    "cut at " + cut);
        }
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws IOException {
        byte[] body = {'a', (byte) 0xff, 'b', (byte) 0xc3};
        byte[] frame = concat(raw(header("4")), body);
        String payload = new FrameReader(new ByteArrayInputStream(frame), MAX).read();
        assertEquals("a\uFFFDb\uFFFD", payload);
    }

    @Test
    void headerLengthCountsBytesNotCharacters() {
        byte[] frame = Frames.encode("ż");
        assertTrue(new String(frame, 0, Frames.HEADER_SIZE, StandardCharsets.US_ASCII).startsWith("2 "));
    }

    private static List<String> readAll(InputStream in) throws IOException {
        FrameReader reader = new FrameReader(in, MAX);
        List<String> out = new ArrayList<>();
        String p;
        while ((p = reader.read()) != null) {
            out.add(p);
        }
        return out;
    }

    static String header(String content) {
        StringBuilder sb = new StringBuilder(content);
        while (sb.length() < Frames.HEADER_SIZE) {
            sb.append(' ');
        }
        return sb.toString();
    }

    static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
