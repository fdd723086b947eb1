package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.FrameException;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;

/** Mutated frames, with fixed seeds, at the frame reader, the peer codec and a live server. */
class FuzzTest {
    private static final int STREAMS = 3_000;
    private static final List<String> SEEDS = List.of("hello", "/nick ala", "/me waves", "DISCONNECT", "/who",
            "zażółć 😀", "\u001b[2J", "LINKCHAT-HELLO\t1\ts9\t1\t00", "EVENT\ts1\t1\t1\t0\tSAY\tala\thi", "/quit bye");

    @Test
    void theFrameReaderOnlyEverReportsBrokenFramesAsSuch() throws IOException {
        Random random = new Random(20261125);
        for (int i = 0; i < STREAMS; i++) {
            byte[] stream = mutate(validStream(random), random);
            FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), 1_024);
            try {
                while (reader.read() != null) {
                    // Whatever decodes is a string; the loop ends at the end or at a refusal.
                }
            } catch (FrameException | EOFException expected) {
                // A refusal or a cut stream: the two endings a broken stream may have.
            }
        }
    }

    @Test
    void thePeerCodecRefusesGarbageWithItsOwnException() {
        Random random = new Random(7);
        for (int i = 0; i < STREAMS; i++) {
            String payload = Frames.decode(mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(), random));
            try {
                PeerCodec.decode(payload);
            } catch (FrameException expected) {
                // Refused, as anything malformed must be.
            }
        }
    }

    @Test
    void aLiveServerSurvivesMutatedStreamsAndStillServes() throws Exception {
        Random random = new Random(42);
        try (TestServer server = TestServer.start("s1");
                RawClient watcher = server.connect("watcher")) {
            List<Thread> attackers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] stream = mutate(validStream(random), random);
                attackers.add(Thread.ofVirtual().start(() -> sendAndHangUp(server.port(), stream)));
            }
            for (Thread t : attackers) {
                t.join();
            }
            watcher.send("still here");
            assertEquals("watcher: still here", watcher.nextStartingWith("watcher:"));
            try (RawClient late = server.connect("late")) {
                late.send("/who");
                assertTrue(late.nextStartingWith("* ").length() > 0);
            }
            assertEquals(0, server.server().sessionFailures(), "sessions that ended on an exception");
        }
    }

    private static void sendAndHangUp(int port, byte[] stream) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(stream);
            out.flush();
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // The server may close first: that is one of the answers a garbage stream can get.
        }
    }

    private static byte[] validStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 1 + random.nextInt(5);
        for (int f = 0; f < frames; f++) {
            out.writeBytes(Frames.encode(SEEDS.get(random.nextInt(SEEDS.size()))));
        }
        return out.toByteArray();
    }

    /** Flips, inserts, deletes or truncates a few bytes. */
    private static byte[] mutate(byte[] in, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cut = random.nextInt(10) == 0 ? random.nextInt(in.length + 1) : in.length;
        for (int i = 0; i < cut; i++) {
            int roll = random.nextInt(60);
            if (roll == 0) {
                continue;
            }
            out.write(roll == 1 ? random.nextInt(256) : in[i]);
            if (roll == 2) {
                out.write(random.nextBoolean() ? ' ' : '0' + random.nextInt(10));
            }
        }
        return out.toByteArray();
    }
}
