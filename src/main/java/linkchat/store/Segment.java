package linkchat.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import linkchat.wire.Event;

/**
 * One file of the log, {@code segment-NNNNNNNNNNNNNNNNNNNN.log} (its number in 20 digits, so
 * names sort as numbers do), and what it holds: a header, then records. The header is the magic
 * {@code LCHATLOG}, the format version (4 bytes), the segment's number and creation time (8
 * bytes each) and a CRC32C of those 28 bytes. Also counts what the segment holds, for the
 * retention: not thread-safe, recovery and then the log's appends (under its lock) own it.
 */
final class Segment {
    /** Bytes of every segment's header. */
    static final int HEADER_BYTES = 32;

    /** The format this build writes and reads; a log of any other stops the server. */
    static final int VERSION = 1;

    private static final byte[] MAGIC = "LCHATLOG".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.log");

    final long number;
    final Path path;
    /** Bytes in the file, header included. */
    long bytes;
    /** Events it holds, and of them chat lines and actions (what the backlog keeps). */
    int events;
    int lines;
    /** The newest keep time of its events and line ids, or {@link Long#MIN_VALUE} while it has none. */
    long newest = Long.MIN_VALUE;

    Segment(Path dir, long number) {
        this.number = number;
        this.path = dir.resolve(name(number));
    }

    /** The file name of segment {@code number}. */
    static String name(long number) {
        return "segment-%020d.log".formatted(number);
    }

    /** The number a segment's file name holds; empty for any other name. */
    static OptionalLong number(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The header of segment {@code number}, made at {@code createdAt}. */
    static byte[] header(long number, long createdAt) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION).putLong(number).putLong(createdAt);
        b.putInt(crc(b.array()));
        return b.array();
    }

    /** What is wrong with {@code header} as segment {@code number}'s, or null if nothing. */
    static String problem(byte[] header, long number) {
        if (header.length < HEADER_BYTES) {
            return "its header is cut short (" + header.length + " of " + HEADER_BYTES + " bytes)";
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return "it is not a linkchat log segment (no LCHATLOG magic)";
        }
        // Magic and version come first in every format, so a newer log is named as such, not as damage.
        int version = b.getInt(MAGIC.length);
        if (version != VERSION) {
            return "it is in format version " + version + ", and this build reads version " + VERSION + " only";
        }
        if (b.getInt(HEADER_BYTES - 4) != crc(header)) {
            return "its header fails its checksum";
        }
        long named = b.getLong(MAGIC.length + 4);
        return named == number ? null : "its header says it is segment " + named;
    }

    /** True if the header holds nothing but zeros: space the file system gave a write that never landed. */
    static boolean blank(byte[] header) {
        for (byte x : header) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** True if nothing but zeros is left to read from {@code in}; reads it all. */
    static boolean zerosToEnd(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int crc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, HEADER_BYTES - 4);
        return (int) crc.getValue();
    }

    /** Counts a record of {@code size} bytes written to this segment. */
    void count(Record record, int size) {
        bytes += size;
        switch (record) {
            case Record.Kept k -> {
                events++;
                if (k.stamped().event() instanceof Event.Said || k.stamped().event() instanceof Event.Acted) {
                    lines++;
                }
                newest = Math.max(newest, k.keptAt());
            }
            case Record.Position p -> { }
            case Record.State st -> { }
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
