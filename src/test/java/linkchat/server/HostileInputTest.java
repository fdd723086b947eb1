package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Frames;

class HostileInputTest {
    @Test
    void aBadHeaderGetsOneErrorNoticeAndTheConnectionCloses() {
        try (TestServer server = TestServer.start("s1");
                RawClient bob = server.connect("bob");
                RawClient bad = server.connect("bad")) {
            bad.write(pad("hello there").getBytes(StandardCharsets.US_ASCII));
            List<String> last = bad.readToClose();
            assertEquals(1, last.size(), last.toString());
            assertTrue(last.getFirst().startsWith("* error: frame header"), last.getFirst());
            assertEquals("* bad left (protocol error)", bob.nextStartingWith("* bad left"));
            bob.send("/who");
            assertEquals("* 1 user online: bob (s1)", bob.nextStartingWith("* 1 user online"));
        }
    }

    @Test
    void anOversizeFrameIsRefusedBeforeItsPayloadArrives() {
        try (TestServer server = TestServer.start("s1");
                RawClient bad = server.connect("bad")) {
            bad.write(pad(Integer.toString(Frames.DEFAULT_MAX_PAYLOAD + 1)).getBytes(StandardCharsets.US_ASCII));
            List<String> last = bad.readToClose();
            assertEquals(List.of("* error: frame length exceeds the 65536-byte limit"), last);
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotDelayTheOthers() throws Exception {
        // 24 MB in all: far more than the kernel's socket buffers and the stuck client's outbox can hide.
        int batches = 120;
        int perBatch = 200;
        String padding = "x".repeat(1_000);
        try (TestServer server = TestServer.start("s1");
                RawClient sender = server.connect("sender");
                RawClient reader = server.connect("reader");
                RawClient stuck = RawClient.connectNotReading(server.port())) {
            // The sender waits for its own echo after each batch, as a live client would: the flood
            // goes as fast as the server delivers, and never faster than the reader can take it.
            Thread flood = Thread.ofVirtual().start(() -> {
                for (int b = 0; b < batches; b++) {
                    for (int i = 0; i < perBatch; i++) {
                        sender.send(b + "." + i + padding);
                    }
                    String last = "sender: " + b + "." + (perBatch - 1) + padding;
                    sender.nextMatching(p -> p.equals(last));
                }
                sender.send("end");
            });
            int got = 0;
            String p;
            while (!(p = reader.next()).equals("sender: end")) {
                if (p.startsWith("sender: ")) {
                    got++;
                }
            }
            flood.join();
            assertEquals(batches * perBatch, got);
            // The stuck client overflowed and was cut (its last notice could not reach a socket it never read).
            List<String> seen = stuck.readToClose();
            assertTrue(seen.size() < batches * perBatch, "stuck client got " + seen.size() + " frames");
        }
    }

    @Test
    void theServerStillServesAfterGarbage() {
        try (TestServer server = TestServer.start("s1")) {
            for (String garbage : List.of(pad("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "\u0000".repeat(64), pad("-1"))) {
                try (RawClient bad = RawClient.connect(server.port())) {
                    bad.write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                    assertTrue(bad.readToClose().getLast().startsWith("* error:"));
                }
            }
            try (RawClient ok = server.connect("ok")) {
                ok.send("fine");
                assertEquals("ok: fine", ok.nextStartingWith("ok:"));
            }
        }
    }

    private static String pad(String s) {
        return s + " ".repeat(Math.max(0, Frames.HEADER_SIZE - s.length()));
    }
}
