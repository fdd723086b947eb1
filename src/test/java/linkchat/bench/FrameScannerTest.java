package linkchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import linkchat.wire.FrameException;
import linkchat.testing.ChunkedStream;
import linkchat.wire.Frames;

class FrameScannerTest {
    private static final List<String> SAMPLE = List.of("* welcome", "", "ala: zażółć", "x".repeat(70_000), "bob: hi");

    @Test
    void everySplitOfTheStreamGivesTheSameFrames() throws IOException {
        byte[] stream = concat(SAMPLE);
        for (int split = 1; split < stream.length; split += split < 200 ? 1 : 997) {
            FrameScanner scanner = new FrameScanner(ChunkedStream.inChunksOf(stream, split), Frames.MAX_PAYLOAD_CEILING);
            assertEquals(SAMPLE, readAll(scanner), "split at " + split);
        }
    }

    @Test
    void aStreamEndingInsideAFrameIsRefused() throws IOException {
        byte[] stream = concat(List.of("hello"));
        FrameScanner header = new FrameScanner(new ByteArrayInputStream(stream, 0, 10), 100);
        assertThrows(EOFException.class, header::next);
        FrameScanner payload = new FrameScanner(new ByteArrayInputStream(stream, 0, stream.length - 1), 100);
        assertThrows(EOFException.class, payload::next);
    }

    @Test
    void aBadOrOversizedHeaderIsRefused() {
        byte[] bad = ("12x" + " ".repeat(61) + "x".repeat(12)).getBytes(StandardCharsets.US_ASCII);
        assertThrows(FrameException.class, () -> new FrameScanner(new ByteArrayInputStream(bad), 100).next());
        byte[] big = concat(List.of("x".repeat(101)));
        assertThrows(FrameException.class, () -> new FrameScanner(new ByteArrayInputStream(big), 100).next());
    }

    @Test
    void theUsualHeaderIsReadQuicklyAndAnyOtherLeftToTheCodec() throws IOException {
        assertEquals(100, FrameScanner.quickLength(header("100"), 0));
        assertEquals(99_999_999, FrameScanner.quickLength(header("99999999"), 0));
        for (String unusual : List.of(" 100", "", "123456789", "1 0", "100\t")) {
            assertEquals(-1, FrameScanner.quickLength(header(unusual), 0), "'" + unusual + "'");
        }
        byte[] leadingSpaces = ("   5" + " ".repeat(60) + "hello").getBytes(StandardCharsets.US_ASCII);
        FrameScanner scanner = new FrameScanner(new ByteArrayInputStream(leadingSpaces), 100);
        assertTrue(scanner.next());
        assertEquals("hello", scanner.text());
    }

    @Test
    void anEmptyStreamEndsCleanly() throws IOException {
        assertFalse(new FrameScanner(InputStream.nullInputStream(), 100).next());
    }

    @Test
    void theArrivalTimeIsTakenAtTheRead() throws IOException {
        long before = System.nanoTime();
        FrameScanner scanner = new FrameScanner(new ByteArrayInputStream(concat(List.of("a"))), 100);
        assertTrue(scanner.next());
        assertTrue(scanner.arrivedAt() - before >= 0);
    }

    private static byte[] header(String text) {
        return (text + " ".repeat(Frames.HEADER_SIZE - text.length())).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aNonBlockingSourceGivesTheSameFramesWhateverItHasAtEachRead() throws IOException {
        byte[] stream = concat(SAMPLE);
        for (int chunk : new int[] {1, 7, 64, 65, 1000, stream.length}) {
            int[] at = {0};
            int[] reads = {0};
            // Every other read finds nothing waiting, as a non-blocking socket often does.
            FrameScanner scanner = new FrameScanner((b, off, len) -> {
                if (reads[0]++ % 2 == 0) {
                    return 0;
                }
                if (at[0] == stream.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), stream.length - at[0]);
                System.arraycopy(stream, at[0], b, off, n);
                at[0] += n;
                return n;
            }, Frames.MAX_PAYLOAD_CEILING);
            List<String> frames = new ArrayList<>();
            int got;
            do {
                got = scanner.readSome();
                while (scanner.poll()) {
                    frames.add(scanner.text());
                }
            } while (got >= 0);
            assertEquals(SAMPLE, frames, "chunks of " + chunk);
        }
    }

    @Test
    void frameAtATimeAsksForNoMoreThanTheHeaderThenThePayload() throws IOException {
        byte[] stream = concat(SAMPLE);
        List<Integer> asked = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        FrameScanner scanner = new FrameScanner((b, off, len) -> {
            asked.add(len);
            return in.read(b, off, len);
        }, Frames.MAX_PAYLOAD_CEILING, true);
        assertEquals(SAMPLE, readAll(scanner));
        List<Integer> expected = new ArrayList<>();
        for (String p : SAMPLE) {
            int length = p.getBytes(StandardCharsets.UTF_8).length;
            expected.add(Frames.HEADER_SIZE);
            if (length > 0) {
                expected.add(length);
            }
        }
        expected.add(Frames.HEADER_SIZE); // the read that finds the end of the stream
        assertEquals(expected, asked);
    }

    private static List<String> readAll(FrameScanner scanner) throws IOException {
        List<String> frames = new ArrayList<>();
        while (scanner.next()) {
            frames.add(scanner.text());
        }
        return frames;
    }

    private static byte[] concat(List<String> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        payloads.forEach(p -> out.writeBytes(Frames.encode(p)));
        return out.toByteArray();
    }
}
