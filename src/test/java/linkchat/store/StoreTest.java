package linkchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import linkchat.wire.Event;
import linkchat.wire.Nicks;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/** A log written, rolled, trimmed and reopened through its public face. */
class StoreTest {
    @TempDir
    Path tmp;

    private static List<Record.Kept> lines(int from, int to) {
        List<Record.Kept> lines = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            lines.add(Logs.line(seq));
        }
        return lines;
    }

    @Test
    void aFullRollKeepsEveryRecordInOrderAcrossSegmentsAndRestarts() throws Exception {
        StoreConfig config = Logs.config(tmp, 300);
        Logs.write(config, lines(1, 40));
        try (Logs.Opened log = Logs.open(config)) {
            assertEquals(lines(1, 40), Logs.events(log.recovered()));
            assertTrue(log.store().files().size() > 5, "rolled: " + log.store().files());
            long opening = Segment.HEADER_BYTES + Logs.size(new Record.Position("s1", 7, 40))
                    + Logs.size(new Record.State(new PeerMessage.OriginState("s1", 7, 40, List.of(), List.of(), true)));
            for (Path segment : log.store().files().subList(0, log.store().files().size() - 1)) {
                long size = Files.size(segment);
                assertTrue(size <= opening + 300, segment + " holds " + size + " bytes");
            }
            lines(41, 60).forEach(log.store()::append);
        }
        assertEquals(lines(1, 60), Logs.events(Logs.read(config)));
    }

    @Test
    void aTornTailAfterARollIsCutInTheNewestSegmentOnly() throws Exception {
        StoreConfig config = Logs.config(tmp, 300);
        Logs.write(config, lines(1, 40));
        List<Path> files;
        try (Logs.Opened log = Logs.open(config)) {
            files = log.store().files();
        }
        Path newest = files.getLast();
        byte[] bytes = Files.readAllBytes(newest);
        int lastSize = Logs.size(Logs.line(40));
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - lastSize / 2));
        assertEquals(lines(1, 39), Logs.events(Logs.write(config, lines(40, 41))));
        assertEquals(lines(1, 41), Logs.events(Logs.read(config)));
    }

    @Test
    void aServerKilledLosesNothingItPutAndTheRoomItsSegmentsWereMadeWithIsTrimmedWithoutAWord() throws Exception {
        StoreConfig live = Logs.config(tmp.resolve("live"), 1024);
        StoreConfig killed = Logs.config(tmp.resolve("killed"), 1024);
        Files.createDirectories(killed.dir());
        try (Logs.Opened log = Logs.open(live)) {
            lines(1, 60).forEach(log.store()::append);
            List<Path> files = log.store().files();
            assertTrue(files.size() > 2, "rolled: " + files);
            assertTrue(Files.size(files.getLast()) >= 1024, "the segment written is made with its room: " + Files.size(files.getLast()));
            // What a SIGKILL leaves: the files as the page cache holds them, never cut back, and a next segment made but never begun.
            for (Path p : files) {
                Files.copy(p, killed.dir().resolve(p.getFileName()));
            }
            Files.copy(live.dir().resolve("host-boot"), killed.dir().resolve("host-boot"));
            String next = Segment.name(Segment.number(files.getLast().getFileName().toString()).getAsLong() + 1);
            Files.write(killed.dir().resolve(next), new byte[4096]);
        }
        try (Logs.Opened log = Logs.open(killed)) {
            assertEquals(lines(1, 60), Logs.events(log.recovered()));
            assertEquals(0, log.store().recovered().cutBytes(), "zeros never used are no torn write");
            assertTrue(log.store().intact(), "the server goes on with the stream it wrote");
            lines(61, 62).forEach(log.store()::append);
        }
        assertEquals(lines(1, 62), Logs.events(Logs.read(killed)));
    }

    @Test
    void oldSegmentsGoOnceTheWindowsAreHeldAndPositionsOutliveThem() throws Exception {
        Retention threeLines = new Retention(10, 0, 3, 100, 1 << 20);
        StoreConfig config = new StoreConfig(tmp, "s1", 300, Duration.ofSeconds(1), threeLines);
        List<Record> records = new ArrayList<>();
        records.add(new Record.Kept(new Stamped("s9", 3, 77, 0, new Event.Joined("eve")), 0));
        records.addAll(lines(1, 200));
        Logs.write(config, records);
        try (Logs.Opened log = Logs.open(config)) {
            List<Record.Kept> kept = Logs.events(log.recovered());
            assertTrue(kept.size() >= 10 && kept.size() < 40, "kept " + kept.size());
            assertEquals(lines(201 - kept.size(), 200), kept, "the newest, in order");
            assertEquals(Map.of("s9", new Record.Position("s9", 3, 77), "s1", new Record.Position("s1", 7, 200)),
                    log.store().recovered().positions(), "every position, s9's events long gone");
            assertTrue(!firstName(log.store()).equals(Segment.name(1)), "the first segments were deleted");
        }
    }

    private static String firstName(Store store) {
        return store.files().getFirst().getFileName().toString();
    }

    @Test
    void theServersOwnUsersAndLinksOutliveTheSegmentsTheirJoinsWereIn() throws Exception {
        StoreConfig config = new StoreConfig(tmp, "s1", 300, Duration.ofSeconds(1), new Retention(10, 0, 0, 100, 1 << 20));
        List<Record> records = new ArrayList<>(List.of(
                new Record.Kept(new Stamped("s1", 7, 1, 100, new Event.Joined("ala")), 0),
                new Record.Kept(new Stamped("s1", 7, 2, 200, new Event.Joined("bob")), 0),
                new Record.Kept(new Stamped("s2", 9, 1, 250, new Event.Joined("eve")), 0),
                new Record.Kept(new Stamped("s1", 7, 3, 300, new Event.Renamed("bob", "rob")), 0),
                new Record.Kept(new Stamped("s1", 7, 4, 400, new Event.Joined("cy")), 0),
                new Record.Kept(new Stamped("s1", 7, 5, 500, new Event.Left("cy", "")), 0),
                new Record.Kept(new Stamped("s1", 7, 6, 600, new Event.Links(List.of("s2"))), 0)));
        for (int i = 0; i < 60; i++) {
            records.add(new Record.Kept(new Stamped("s2", 9, 2 + i, 700, new Event.Said("eve", "hi")), 0));
        }
        Logs.write(config, records);
        try (Logs.Opened log = Logs.open(config)) {
            assertTrue(Logs.events(log.recovered()).stream().noneMatch(k -> k.stamped().origin().equals("s1")),
                    "every event of s1 went with old segments");
            PeerMessage.OriginState own = log.store().recovered().ownState().orElseThrow();
            assertEquals(new PeerMessage.OriginState("s1", 7, 6, List.of(new PeerMessage.User("ala", 100),
                    new PeerMessage.User("rob", 300)), List.of("s2"), true), own);
            log.store().append(new Record.Kept(new Stamped("s1", 8, 1, 900, new Event.Joined("dee")), 0));
        }
        try (Logs.Opened log = Logs.open(config)) {
            assertEquals(new PeerMessage.OriginState("s1", 8, 1, List.of(new PeerMessage.User("dee", 900)), List.of(), true),
                    log.store().recovered().ownState().orElseThrow(), "a new boot starts with no users");
        }
    }

    @Test
    void aStateOfMegabytesIsWrittenAndReadBackAcrossRolls() throws Exception {
        int many = 16_000;
        List<PeerMessage.User> users = new ArrayList<>();
        for (int i = 0; i < many; i++) {
            users.add(new PeerMessage.User("ż".repeat(Nicks.MAX_LENGTH - 6) + "%06d".formatted(i), 1_000_000_000_000L + i));
        }
        PeerMessage.OriginState big = new PeerMessage.OriginState("s1", 7, 5, users, List.of("s2"), true);
        StoreConfig config = Logs.config(tmp, 4096);
        List<Record> records = new ArrayList<>(List.of(new Record.State(big)));
        records.addAll(lines(6, 150));
        Logs.write(config, records);
        try (Logs.Opened log = Logs.open(config)) {
            assertTrue(Logs.size(new Record.State(big)) > 1024 * 1024, "over a megabyte, far more than a segment");
            assertEquals(lines(6, 150), Logs.events(log.recovered()));
            assertTrue(log.store().files().size() < 20, "a long checkpoint does not make each record roll: " + log.store().files().size());
            PeerMessage.OriginState own = log.store().recovered().ownState().orElseThrow();
            assertEquals(big.users(), own.users());
            assertEquals(150, own.seq());
        }
    }

    @Test
    void theByteAndCountCapsWinOverTheWindows() throws Exception {
        long cap = 3_000;
        Retention capped = new Retention(0, Long.MAX_VALUE / 4, 1_000, 1_000, cap);
        StoreConfig config = new StoreConfig(tmp, "s1", 500, Duration.ofSeconds(1), capped);
        try (Logs.Opened log = Logs.open(config)) {
            for (Record.Kept k : lines(1, 300)) {
                log.store().append(k);
                long total = 0;
                for (Path p : log.store().files()) {
                    total += Files.size(p);
                }
                assertTrue(total <= cap + 500, "the log holds " + total + " bytes");
            }
        }
        assertEquals(300, Logs.events(Logs.read(config)).getLast().stamped().seq());
    }

    /** With a sync period a record is written when it is put; with none, once synced by the log's thread: no wait may end before. */
    @ParameterizedTest
    @ValueSource(longs = {0, 50})
    void concurrentAppendersAreAllWrittenEachInItsOwnOrderAndNoWaitEndsEarly(long syncMillis) throws Exception {
        StoreConfig config = Logs.config(tmp, 64 * 1024).withSyncEvery(Duration.ofMillis(syncMillis));
        int threads = 10;
        int each = 500;
        LongAdder started = new LongAdder();
        LongAdder early = new LongAdder();
        try (Logs.Opened log = Logs.open(config); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String origin = "t" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (long seq = 1; seq <= each; seq++) {
                        Stamped s = new Stamped(origin, 1, seq, 0, new Event.Said("ala", "x"));
                        long ticket = log.store().keep(s, seq, null);
                        log.store().afterQueued(() -> {
                            started.increment();
                            if (log.store().written() < ticket) {
                                early.increment();
                            }
                        });
                        log.store().awaitQueued();
                        if (log.store().written() < ticket) {
                            throw new AssertionError("ticket " + ticket + " waited for but not written");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(threads * each, started.sum(), "every start ran, on the log's thread or at once");
        assertEquals(0, early.sum(), "a start ran before the records queued before it were written");
        List<Record.Kept> got = Logs.events(Logs.read(config));
        assertEquals(threads * each, got.size());
        for (int t = 0; t < threads; t++) {
            String origin = "t" + t;
            List<Long> seqs = got.stream().filter(k -> k.stamped().origin().equals(origin)).map(k -> k.stamped().seq()).toList();
            assertEquals(each, seqs.size());
            assertTrue(seqs.stream().sorted(Comparator.naturalOrder()).toList().equals(seqs), origin + " in order");
        }
    }

    @Test
    void aWriteThatFailsFailsTheLogOnceAndEveryLaterAppendAndWaitIsToldWhileWhatWasPutIsKept() throws Exception {
        StoreConfig config = Logs.config(tmp, 300);
        List<IOException> failures = new CopyOnWriteArrayList<>();
        Store store = Store.open(config, r -> { }, failures::add);
        try {
            Files.createDirectory(tmp.resolve(Segment.name(3))); // segment 3 cannot be made, ahead or by the roll
            List<Record.Kept> put = new ArrayList<>();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                for (Record.Kept k : lines(1, 40)) {
                    store.append(k);
                    put.add(k);
                }
            });
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
            assertTrue(put.size() > 1 && put.size() < 40, "failed at the second roll: " + put.size());
            assertEquals(1, failures.size(), "told once");
            assertThrows(UncheckedIOException.class, () -> store.append(Logs.line(41)));
            assertThrows(UncheckedIOException.class, store::awaitQueued);
            boolean[] ran = {false};
            store.afterQueued(() -> ran[0] = true);
            assertTrue(ran[0], "a start runs at once, and what it starts finds the failure");
            assertEquals(1, failures.size());
            store.close();
            Files.delete(tmp.resolve(Segment.name(3)));
            assertEquals(put, Logs.events(Logs.read(config)), "what was put before the failure is kept");
        } finally {
            store.close();
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
        StoreConfig config = Logs.config(tmp, 4096);
        try (Logs.Opened first = Logs.open(config)) {
            first.store().append(Logs.line(1));
            StoreException e = assertThrows(StoreException.class, () -> Logs.open(config));
            assertTrue(e.getMessage().contains("in use by another server")
                    && e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            first.store().append(Logs.line(2));
        }
        assertEquals(lines(1, 2), Logs.events(Logs.read(config)));
    }

    @Test
    void closingTwiceIsHarmlessAndAnAppendAfterIsRefused() throws Exception {
        Logs.Opened log = Logs.open(Logs.config(tmp, 4096).withSyncEvery(Duration.ZERO));
        log.store().append(Logs.line(1));
        log.store().close();
        log.store().close();
        assertThrows(IllegalStateException.class, () -> log.store().append(Logs.line(2)));
        assertEquals(lines(1, 1), Logs.events(Logs.read(Logs.config(tmp, 4096))));
    }

    @Test
    void withoutADataDirectoryNothingIsKeptAndNothingWaits() {
        long ticket = Journal.NONE.keep(Logs.line(1).stamped(), 0, null);
        Journal.NONE.awaitQueued();
        assertEquals(0, ticket);
        boolean[] ran = {false};
        Journal.NONE.afterQueued(() -> ran[0] = true);
        assertTrue(ran[0], "a start runs at once, on the caller");
    }
}
