package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import linkchat.store.Journal;
import linkchat.wire.Frames;
import linkchat.wire.Stamped;

/** The outbox's rules: pacing a client's own reader, dropping the oldest, giving up, writers on demand. */
class OutboxTest {
    private static final byte[] GONE = Frames.encode("* gone");

    @Test
    void aReaderWaitsForRoomUntilTheWriterTakesTheQueue() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        for (int i = 0; i < 5; i++) {
            outbox.offer(Frames.encode("line " + i));
        }
        AtomicBoolean passed = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            waiting.countDown();
            try {
                outbox.awaitRoom(2, Long.MAX_VALUE);
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
    void aReaderWaitsWhileItsOwnUnreadRepliesExceedTheirBytes() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        outbox.offer(Frames.encode("x".repeat(500)));
        AtomicBoolean passed = new AtomicBoolean();
        Thread shared = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitRoom(10, 100);
                passed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(shared.join(Duration.ofSeconds(5)), "a shared frame does not count as the reader's own");
        outbox.offerOwn(Frames.encode("y".repeat(200)));
        passed.set(false);
        Thread own = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitRoom(10, 100);
                passed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertFalse(own.join(Duration.ofMillis(200)), "the reader went on with 264 bytes of its own replies unread");
        outbox.finish();
        outbox.writeTo(new ByteArrayOutputStream());
        assertTrue(own.join(Duration.ofSeconds(5)));
        assertTrue(passed.get());
    }

    @Test
    void theOldestFramesGoFirstAndTheReaderIsToldHowMany() throws Exception {
        Outbox outbox = new Outbox(3, 1 << 20, 100, Long.MAX_VALUE, GONE, () -> { });
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
        Outbox outbox = new Outbox(2, 1 << 20, 3, Long.MAX_VALUE, GONE, told::countDown);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += outbox.offer(Frames.encode("line " + i)) ? 1 : 0;
        }
        assertEquals(5, accepted, "2 queued, then 3 more accepted by dropping the oldest");
        assertTrue(outbox.overflowed());
        assertEquals(1, told.getCount(), "the owner is told once");
    }

    @Test
    void tooManyBytesMissedInARowFinishesTheOutboxWhateverTheLineCount() {
        AtomicBoolean told = new AtomicBoolean();
        Outbox outbox = new Outbox(100, 2_000, 1_000, 3_000, GONE, () -> told.set(true));
        byte[] line = Frames.encode("x".repeat(936)); // 1,000 bytes with its header
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += outbox.offer(line) ? 1 : 0;
        }
        assertEquals(5, accepted, "2 queued, then 3 more whose drops missed 3,000 bytes");
        assertTrue(outbox.overflowed() && told.get());
    }

    @Test
    void finishingWakesAReaderWaitingForRoom() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        for (int i = 0; i < 5; i++) {
            outbox.offer(Frames.encode("line " + i));
        }
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitRoom(1, Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Only a reader already waiting tests the wake-up: one that came later would see the outbox finished.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, reader.getState(), "the reader never waited for room");
        outbox.finish();
        assertTrue(reader.join(Duration.ofSeconds(5)), "a finished outbox must not hold its reader");
        assertFalse(reader.isAlive());
    }

    @Test
    void aPumpStartsAWriterOnlyWhileFramesWaitAndEndsWithTheLastOne() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        List<Thread> writers = new CopyOnWriteArrayList<>();
        ThreadFactory factory = r -> {
            Thread t = Thread.ofVirtual().unstarted(r);
            writers.add(t);
            return t;
        };
        Semaphore written = new Semaphore(0);
        OutputStream out = eachWrite(text -> written.release());
        Pump.attach(outbox, out, factory, e -> { });
        assertEquals(0, writers.size(), "an empty outbox starts no writer");
        for (String line : List.of("one", "two")) {
            outbox.offer(Frames.encode(line));
            assertTrue(written.tryAcquire(5, TimeUnit.SECONDS));
            assertTrue(writers.getLast().join(Duration.ofSeconds(5)), "the writer ends once the queue is empty");
        }
        assertEquals(2, writers.size(), "a frame offered after the writer ended starts another");
        outbox.offerLast(Frames.encode("three"));
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)));
        assertEquals(1, written.availablePermits());
        assertFalse(outbox.offer(Frames.encode("four")), "a finished outbox takes nothing");
    }

    @Test
    void aFailedWriteFinishesThePumpedOutboxAndTellsTheOwner() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        AtomicReference<IOException> failure = new AtomicReference<>();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        Pump.attach(outbox, broken, Thread.ofVirtual().factory(), failure::set);
        outbox.offer(Frames.encode("lost"));
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)), "a failed write ends the outbox");
        assertEquals("broken pipe", failure.get().getMessage());
        assertFalse(outbox.offer(Frames.encode("later")));
    }

    @Test
    void awaitEndTimesOutWhileAWriterIsStuck() throws Exception {
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { });
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        Pump.attach(outbox, stuck, Thread.ofVirtual().factory(), e -> { });
        outbox.offerLast(Frames.encode("slow"));
        assertFalse(outbox.awaitEnd(Duration.ofMillis(100)), "the writer is still inside its write");
        release.countDown();
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)));
    }

    /** A stream that hands each write, as text, to {@code sink}; frames are always written whole. */
    private static OutputStream eachWrite(Consumer<String> sink) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException("frames are written whole");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.accept(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
    }

    /** A journal whose writes complete only when {@code logged} opens, or fail with {@code failure}; {@code asked} counts waits. */
    private static Journal journal(CountDownLatch asked, CountDownLatch logged, IOException failure) {
        return new Journal() {
            @Override
            public long keep(Stamped s, long keptAt, byte[] carryFrame) {
                return 0;
            }

            @Override
            public long position(String origin, long boot, long seq) {
                return 0;
            }

            @Override
            public boolean awaitQueued() {
                asked.countDown();
                try {
                    logged.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (failure != null) {
                    throw new UncheckedIOException(failure);
                }
                return true;
            }

            @Override
            public void afterQueued(Runnable start) {
                start.run(); // the writer then waits in awaitQueued: the gate under test
            }
        };
    }

    @Test
    void nothingIsWrittenBeforeTheJournalHoldsWhatWasQueued() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch logged = new CountDownLatch(1);
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { }, journal(asked, logged, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pump.attach(outbox, out, Thread.ofVirtual().factory(), e -> { });
        outbox.offerLast(Frames.encode("echo"));
        assertTrue(asked.await(5, TimeUnit.SECONDS), "the writer asks the journal first");
        assertFalse(outbox.awaitEnd(Duration.ofMillis(100)));
        assertEquals(0, out.size(), "the echo went out before its event was in the log");
        logged.countDown();
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)));
        assertEquals("echo", new String(out.toByteArray(), Frames.HEADER_SIZE, 4, StandardCharsets.UTF_8));
    }

    @Test
    void framesQueuedWhileTheWriterWaitsForTheLogGoOutInTheSameWrite() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch logged = new CountDownLatch(1);
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { }, journal(asked, logged, null));
        List<String> writes = new CopyOnWriteArrayList<>();
        OutputStream out = eachWrite(text -> writes.add(text.replaceAll("\\d+ +", "")));
        Pump.attach(outbox, out, Thread.ofVirtual().factory(), e -> { });
        outbox.offer(Frames.encode("one"));
        assertTrue(asked.await(5, TimeUnit.SECONDS), "the writer took the first frame and waits for the log");
        outbox.offer(Frames.encode("two"));
        outbox.offerLast(Frames.encode("three"));
        logged.countDown();
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)));
        assertEquals(List.of("onetwothree"), writes, "one write for what came while it waited");
    }

    @Test
    void aFailedJournalEndsTheOutboxWithoutWriting() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        Outbox outbox = new Outbox(100, 1 << 20, 10, Long.MAX_VALUE, GONE, () -> { },
                journal(new CountDownLatch(1), open, new IOException("disk full")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Pump.attach(outbox, out, Thread.ofVirtual().factory(), failure::set);
        outbox.offer(Frames.encode("never"));
        assertTrue(outbox.awaitEnd(Duration.ofSeconds(5)));
        assertEquals("disk full", failure.get().getMessage());
        assertEquals(0, out.size());
    }
}
