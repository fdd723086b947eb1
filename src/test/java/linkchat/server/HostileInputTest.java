package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    void aClientThatNeverReadsDoesNotDelayTheOthersAndLearnsWhatItMissed() throws Exception {
        // 24 MB in all: far more than the kernel's socket buffers and the stuck client's queue can hold.
        int batches = 120;
        int perBatch = 200;
        String padding = "x".repeat(1_000);
        try (TestServer server = TestServer.start("s1");
                RawClient sender = server.connect("sender");
                RawClient reader = server.connect("reader");
                RawClient stuck = RawClient.connectNotReading(server.port())) {
            joinWithoutReading(stuck, reader);
            Thread flood = floodInBatches(sender, "sender", batches, perBatch, padding);
            int got = 0;
            String p;
            while (!(p = reader.next()).equals("sender: end")) {
                if (p.startsWith("sender: ")) {
                    got++;
                }
            }
            flood.join();
            assertEquals(batches * perBatch, got);
            // The stuck client lost the oldest lines, not the connection, and is told how many.
            long missed = 0;
            int kept = 0;
            while (!(p = stuck.next()).equals("sender: end")) {
                if (p.startsWith("* you missed ")) {
                    missed += Long.parseLong(p.split(" ")[3]);
                } else if (p.startsWith("sender: ")) {
                    kept++;
                }
            }
            assertTrue(missed > 0, "nothing was dropped: the test did not fill the queue");
            assertEquals(batches * perBatch, kept + missed);
        }
    }

    @Test
    void aClientMissingTooManyLinesInARowIsCutOff() throws Exception {
        // Short lines, so the frame count binds: well past the queue plus the allowance of misses.
        int batches = 100;
        int perBatch = 2_000;
        try (TestServer server = TestServer.start("s1");
                RawClient sender = server.connect("sender");
                RawClient stuck = RawClient.connectNotReading(server.port())) {
            joinWithoutReading(stuck, sender);
            Thread flood = floodInBatches(sender, "sender", batches, perBatch, "");
            flood.join();
            List<String> seen = stuck.readToClose();
            assertEquals("* error: you are not reading fast enough; disconnected", seen.getLast());
        }
    }

    /** Makes {@code stuck} a member named "stuck" without it reading anything: {@code witness} sees it happen. */
    private static void joinWithoutReading(RawClient stuck, RawClient witness) {
        stuck.send("/nick stuck");
        witness.nextMatching(p -> p.equals("* stuck joined"));
    }

    /** Sends batches of numbered lines, waiting for its own echo of each batch's last one, then "end". */
    private static Thread floodInBatches(RawClient sender, String nick, int batches, int perBatch, String padding) {
        return Thread.ofVirtual().start(() -> {
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < perBatch; i++) {
                    sender.send(b + "." + i + padding);
                }
                String last = nick + ": " + b + "." + (perBatch - 1) + padding;
                sender.nextMatching(p -> p.equals(last));
            }
            sender.send("end");
        });
    }

    @Test
    void aFloodOfLongLinesLeavesTheHeapBoundedAndTheServerServing() throws Exception {
        // 8 senders x 250 lines of 64,000 bytes: 128 MB, twice the replay log's byte cap, which a
        // cap of events alone (100,000) would keep whole. Each sender waits for its own echo every
        // 10 lines, so no reader misses anything; two clients never read at all and are cut off.
        int senders = 8;
        String padding = "x".repeat(64_000);
        try (TestServer server = TestServer.start("s1");
                RawClient stuck = RawClient.connectNotReading(server.port());
                RawClient alsoStuck = RawClient.connectNotReading(server.port())) {
            List<RawClient> clients = new ArrayList<>();
            List<Thread> floods = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                clients.add(server.connect("f" + i)); // all in before the flood: a join is not what this measures
            }
            for (int i = 0; i < senders; i++) {
                floods.add(floodInBatches(clients.get(i), "f" + i, 25, 10, padding));
            }
            for (Thread t : floods) {
                t.join();
            }
            // Cut off once it missed more bytes in a row than a client may, long before the flood ended.
            int seen = stuck.readToClose().size();
            assertTrue(seen < senders * 250 / 4, "a client that never read was sent " + seen + " lines");
            try (RawClient late = server.connect("late")) {
                late.send("still here");
                assertEquals("late: still here", late.nextMatching(p -> p.startsWith("late: ")));
                System.gc();
                long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                assertTrue(used < 100L << 20, "heap after a full GC: " + (used >> 20) + " MB");
            }
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void aLineTooLongForClientsToTakeIsRefusedToItsSenderAlone() {
        // linkchat's own client refuses frames over Frames.DEFAULT_MAX_PAYLOAD and drops the
        // connection: a line that long would throw every client off, and the backlog would throw
        // each off again as it came back.
        String longest = "x".repeat(Frames.DEFAULT_MAX_PAYLOAD);
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bad = server.connect("bad")) {
            bad.send(longest);
            bad.send("/me " + longest.substring(4));
            bad.send("after");
            assertTrue(bad.next().startsWith("* error: line too long"));
            assertTrue(bad.next().startsWith("* error: line too long"));
            assertAllFit(ala.readUntil(p -> p.equals("bad: after")));
            bad.send("/quit " + longest.substring(6));
            assertAllFit(ala.readUntil(p -> p.startsWith("* bad left")));
            try (RawClient late = RawClient.connect(server.port())) {
                late.send("/who");
                assertAllFit(late.readUntil(p -> p.startsWith("* 2 users online")));
            }
        }
    }

    private static void assertAllFit(List<String> payloads) {
        for (String p : payloads) {
            int size = p.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size <= Frames.DEFAULT_MAX_PAYLOAD, size + " bytes: " + p.substring(0, Math.min(40, p.length())));
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
