package linkchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log torn, flipped or damaged on disk, read back: what is whole is kept, a torn tail is cut, the rest refuses to start. */
class RecoveryTest {
    private static final long ONE_SEGMENT = 1024 * 1024;

    /** One record of each kind (an event of each shape is PeerCodecTest's): every byte of it is cut or flipped in turn. */
    private static final List<Record> SAMPLE = Logs.sample().subList(0, 5);

    @TempDir
    Path tmp;

    /** Where each sample record ends in a fresh log's first segment. */
    private static List<Long> ends() {
        List<Long> ends = new ArrayList<>();
        long at = Segment.HEADER_BYTES;
        for (Record r : SAMPLE) {
            at += Logs.size(r);
            ends.add(at);
        }
        return ends;
    }

    private byte[] sampleSegment() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "whole");
        Logs.write(Logs.config(dir, ONE_SEGMENT), SAMPLE);
        byte[] bytes = Files.readAllBytes(dir.resolve(Segment.name(1)));
        assertEquals(ends().getLast(), bytes.length, "the sample's segment holds its header and records, nothing else");
        return bytes;
    }

    private Path logOf(String name, byte[] segment) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve(Segment.name(1)), segment);
        return dir;
    }

    /**
     * Reads {@code dir} as opening a log does, then appends {@code more} after what it kept, and closes it; returns what was read. The store's threads are left out:
     * these tests reopen a log hundreds of times, and the store's own restarts are StoreTest's.
     */
    private static Recovery.Result readAndGoOn(Path dir, List<Record> got, Record... more) throws Exception {
        Recovery.Result r = Recovery.run(dir, "s1", got::add);
        try (Segments segments = Segments.open(dir, r, ONE_SEGMENT, Logs.KEEP_ALL)) {
            for (Record m : more) {
                segments.append(RecordCodec.encode(m, null));
            }
        }
        return r;
    }

    /** The sample records wholly before byte {@code at}. */
    private static List<Record> before(long at) {
        List<Long> ends = ends();
        int kept = 0;
        while (kept < ends.size() && ends.get(kept) <= at) {
            kept++;
        }
        return new ArrayList<>(SAMPLE.subList(0, kept));
    }

    @Test
    void aTailTornAtEveryByteLosesOnlyTheRecordItCutAndTheLogGoesOn() throws Exception {
        byte[] whole = sampleSegment();
        for (int cut = 0; cut <= whole.length; cut++) {
            Path dir = logOf("cut" + cut, Arrays.copyOf(whole, cut));
            List<Record> expected = before(cut);
            List<Record> got = new ArrayList<>();
            Recovered found = readAndGoOn(dir, got, Logs.line(99)).summary();
            assertEquals(expected, got, "cut at byte " + cut);
            long valid = expected.isEmpty() ? (cut < Segment.HEADER_BYTES ? 0 : Segment.HEADER_BYTES) : ends().get(expected.size() - 1);
            // What is left of a record torn so early that it is zeros alone is room a segment is made with: nothing said, nothing counted.
            boolean zeros = IntStream.range((int) valid, cut).allMatch(i -> whole[i] == 0);
            assertEquals(zeros ? 0 : cut - valid, found.cutBytes(), "cut at byte " + cut);
            expected.add(Logs.line(99));
            got.clear();
            assertEquals(0, readAndGoOn(dir, got).summary().cutBytes());
            assertEquals(expected, got, "restarted after a cut at byte " + cut);
        }
    }

    @Test
    void aBitFlippedAnywhereInTheNewestSegmentCutsFromItsRecordOn() throws Exception {
        byte[] whole = sampleSegment();
        for (int at = Segment.HEADER_BYTES; at < whole.length; at++) {
            byte[] flipped = whole.clone();
            flipped[at] ^= (byte) (1 << (at % 8));
            Path dir = logOf("flip" + at, flipped);
            List<Record> expected = before(at);
            List<Record> got = new ArrayList<>();
            readAndGoOn(dir, got, Logs.line(99));
            assertEquals(expected, got, "bit flipped at byte " + at);
            expected.add(Logs.line(99));
            got.clear();
            readAndGoOn(dir, got);
            assertEquals(expected, got, "restarted after a flip at byte " + at);
        }
    }

    @Test
    void aTornTailIsJudgedInTheNewestSegmentThatHoldsAnythingNotInTheZerosMadeAheadOfARoll() throws Exception {
        byte[] whole = sampleSegment();
        int cut = whole.length - 3;
        Path dir = logOf("torn-then-blank", Arrays.copyOf(whole, cut));
        Files.write(dir.resolve(Segment.name(2)), new byte[4096]); // made ahead, never begun: the power went first
        Files.write(dir.resolve(Segment.name(3)), new byte[0]);
        List<Record> got = new ArrayList<>();
        Recovered found = readAndGoOn(dir, got).summary();
        assertEquals(before(cut), got);
        assertEquals(cut - ends().get(ends().size() - 2), found.cutBytes(), "the torn record cut, with a warning");
        assertTrue(!Files.exists(dir.resolve(Segment.name(3))), "the zeros made ahead are removed");
    }

    @Test
    void aStoreReopenedAfterATornTailGoesOnWhereItsLastWholeRecordEnds() throws Exception {
        byte[] whole = sampleSegment();
        for (long end : ends()) {
            for (long cut : new long[] {end - 1, end, end + 1}) {
                StoreConfig config = Logs.config(logOf("store" + cut, Arrays.copyOf(whole, (int) Math.min(cut, whole.length))), ONE_SEGMENT);
                List<Record> expected = before(cut);
                assertEquals(expected, Logs.write(config, List.of(Logs.line(99))), "cut at byte " + cut);
                expected.add(Logs.line(99));
                assertEquals(expected, Logs.read(config), "restarted after a cut at byte " + cut);
            }
        }
    }

    @Test
    void aHeaderNeverWrittenIsATornTailButADamagedOneStopsTheStart() throws Exception {
        byte[] whole = sampleSegment();
        byte[] zeros = new byte[whole.length];
        assertEquals(List.of(), Logs.read(Logs.config(logOf("zeros", zeros), ONE_SEGMENT)), "space given, never written");
        for (int at = 0; at < Segment.HEADER_BYTES; at++) {
            byte[] flipped = whole.clone();
            flipped[at] ^= 0x10;
            StoreConfig config = Logs.config(logOf("header" + at, flipped), ONE_SEGMENT);
            StoreException e = assertThrows(StoreException.class, () -> Logs.read(config), "flip at byte " + at);
            assertTrue(e.getMessage().contains(Segment.name(1)), e.getMessage());
            assertEquals(flipped.length, Files.size(config.dir().resolve(Segment.name(1))), "a log refused is left as it was");
        }
    }

    @Test
    void aLogOfAnotherFormatVersionIsRefusedAndSaysSo() throws Exception {
        byte[] newer = sampleSegment();
        ByteBuffer.wrap(newer).putInt(8, Segment.VERSION + 1);
        StoreException e = assertThrows(StoreException.class, () -> Logs.read(Logs.config(logOf("v2", newer), ONE_SEGMENT)));
        assertTrue(e.getMessage().contains("version " + (Segment.VERSION + 1)), e.getMessage());
        byte[] alien = sampleSegment();
        alien[0] = 'X';
        e = assertThrows(StoreException.class, () -> Logs.read(Logs.config(logOf("alien", alien), ONE_SEGMENT)));
        assertTrue(e.getMessage().contains("not a linkchat log"), e.getMessage());
    }

    @Test
    void damageInAnOlderSegmentOrAMissingSegmentStopsTheStart() throws Exception {
        Path dir = tmp.resolve("rolled");
        StoreConfig config = Logs.config(dir, 200);
        List<Record.Kept> lines = new ArrayList<>();
        for (long seq = 1; seq <= 20; seq++) {
            lines.add(Logs.line(seq));
        }
        Logs.write(config, lines);
        Path second = dir.resolve(Segment.name(2));
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length - 3] ^= 1;
        Files.write(second, bytes);
        StoreException e = assertThrows(StoreException.class, () -> Logs.read(config));
        assertTrue(e.getMessage().contains(Segment.name(2)) && e.getMessage().contains("not the newest"), e.getMessage());
        Files.delete(second);
        e = assertThrows(StoreException.class, () -> Logs.read(config));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
    }

    @Test
    void aRecordWhoseChecksumHoldsButCannotBeReadStopsTheStart() throws Exception {
        byte[] content = {9, 1, 2, 3};
        byte[] record = ByteBuffer.allocate(RecordCodec.FRAME_BYTES + content.length).putInt(content.length).putInt(0).put(content).array();
        ByteBuffer.wrap(record).putInt(4, RecordCodec.checksum(record, 0, content.length));
        byte[] segment = ByteBuffer.allocate(Segment.HEADER_BYTES + record.length).put(Segment.header(1, 0)).put(record).array();
        StoreException e = assertThrows(StoreException.class, () -> Logs.read(Logs.config(logOf("unknown", segment), ONE_SEGMENT)));
        assertTrue(e.getMessage().contains("unknown kind 9") && e.getMessage().contains("another build"), e.getMessage());
    }

    @Test
    void aDirectoryThatIsNoDirectoryOrASegmentThatIsNoFileIsAClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        StoreException e = assertThrows(StoreException.class, () -> Logs.read(Logs.config(file, ONE_SEGMENT)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Path dir = Files.createDirectories(tmp.resolve("odd").resolve(Segment.name(1)));
        e = assertThrows(StoreException.class, () -> Logs.read(Logs.config(dir.getParent(), ONE_SEGMENT)));
        assertTrue(e.getMessage().contains("cannot read the log"), e.getMessage());
    }
}
