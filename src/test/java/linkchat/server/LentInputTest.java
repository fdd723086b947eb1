package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.ChunkedStream;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;

/** A client's read stream: the same frames however they arrive, and no buffer held while it waits. */
class LentInputTest {
    private static final List<String> LINES = List.of("hi", "", "zażółć", "x".repeat(5_000), "bye");

    @Test
    void framesComeThroughWholeWhateverTheChunks() throws IOException {
        byte[] stream = encoded(LINES);
        for (int chunk : new int[] {1, 3, 64, 100, LentInput.BUFFER, stream.length}) {
            LentInput in = new LentInput(ChunkedStream.inChunksOf(stream, chunk));
            FrameReader reader = new FrameReader(in, 10_000);
            List<String> got = new ArrayList<>();
            String line;
            while (true) {
                in.awaitByte();
                if ((line = reader.read()) == null) {
                    break;
                }
                got.add(line);
            }
            assertEquals(LINES, got, "chunks of " + chunk);
        }
    }

    @Test
    void waitingWithNothingBufferedGivesTheBufferBack() throws IOException {
        byte[] one = Frames.encode("one");
        boolean[] empty = {false};
        InputStream raw = new InputStream() {
            private int at;

            @Override
            public int read() {
                // The stream is drained: the wait for the next line must not hold a buffer.
                empty[0] = true;
                return at < one.length ? one[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == one.length) {
                    return -1;
                }
                int n = Math.min(len, one.length - at);
                System.arraycopy(one, at, b, off, n);
                at += n;
                return n;
            }
        };
        LentInput in = new LentInput(raw);
        assertEquals("one", new FrameReader(in, 100).read());
        assertTrue(in.holdsBuffer(), "the buffer stays while bytes flow");
        in.awaitByte();
        assertTrue(empty[0]);
        assertFalse(in.holdsBuffer(), "at the end of the stream nothing is held");
        assertEquals(-1, in.read());
    }

    private static byte[] encoded(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(l -> out.writeBytes(Frames.encode(l)));
        return out.toByteArray();
    }
}
