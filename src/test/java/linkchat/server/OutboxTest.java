package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import linkchat.wire.Frames;

/** The outbox's rules: pacing a client's own reader, dropping the oldest, giving up. */
class OutboxTest {
    private static final byte[] GONE = Frames.encode("* gone");

    @Test
    void aReaderWaitsForRoomUntilTheWriterTakesTheQueue() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, GONE, () -> { });
        for (int i = 0; i < 5; i++) {
            outbox.offer(Frames.encode("line " + i));
        }
        AtomicBoolean passed = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            waiting.countDown();
            try {
                outbox.awaitRoom(2);
                passed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.await();
        assertFalse(reader.join(Duration.ofMillis(200)), "the reader went on with 5 frames queued");
        assertFalse(passed.get());
        outbox.finish();
        outbox.writeTo(new ByteArrayOutputStream());
        assertTrue(reader.join(Duration.ofSeconds(5)));
        assertTrue(passed.get());
    }

    @Test
    void theOldestFramesGoFirstAndTheReaderIsToldHowMany() throws Exception {
        Outbox outbox = new Outbox(3, 1 << 20, 100, GONE, () -> { });
        for (int i = 0; i < 7; i++) {
            assertTrue(outbox.offer(Frames.encode("line " + i)));
        }
        outbox.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        outbox.writeTo(out);
        String written = out.toString(StandardCharsets.UTF_8).replaceAll(" {2,}", " ");
        assertTrue(written.contains("* you missed 4 lines"), written);
        assertTrue(written.contains("line 4") && written.contains("line 6") && !written.contains("line 3"), written);
    }

    @Test
    void tooManyMissedInARowFinishesTheOutboxOnce() {
        CountDownLatch told = new CountDownLatch(2);
        Outbox outbox = new Outbox(2, 1 << 20, 3, GONE, told::countDown);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += outbox.offer(Frames.encode("line " + i)) ? 1 : 0;
        }
        assertEquals(5, accepted, "2 queued, then 3 more accepted by dropping the oldest");
        assertTrue(outbox.overflowed());
        assertEquals(1, told.getCount(), "the owner is told once");
    }

    @Test
    void finishingWakesAReaderWaitingForRoom() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, GONE, () -> { });
        for (int i = 0; i < 5; i++) {
            outbox.offer(Frames.encode("line " + i));
        }
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitRoom(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outbox.finish();
        assertTrue(reader.join(Duration.ofSeconds(5)), "a finished outbox must not hold its reader");
        assertFalse(reader.isAlive());
    }
}
