package linkchat.store;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;

import linkchat.wire.FrameException;

/**
 * Reads one segment's records in order, up to the end of the file, the zeros a segment was made
 * with and never filled (a {@link #blankTail}: what a killed process leaves), or the first record
 * that is cut short or fails its checksum: what a write torn by a power loss leaves. Owned by one thread.
 */
final class SegmentReader implements Closeable {
    private final Segment segment;
    private final InputStream in;
    private long offset;
    private String damage;
    private boolean blankTail;
    private final boolean tornHeader;

    /** Opens {@code segment} and reads its header; the header's problem, if any, is {@link #damage()}. */
    SegmentReader(Segment segment) throws IOException {
        this.segment = segment;
        this.in = new BufferedInputStream(Files.newInputStream(segment.path), 64 * 1024);
        byte[] header = in.readNBytes(Segment.HEADER_BYTES);
        damage = Segment.problem(header, segment.number);
        tornHeader = header.length < Segment.HEADER_BYTES || Segment.blank(header);
        if (damage == null) {
            offset = Segment.HEADER_BYTES;
        } else if (Segment.blank(header)) {
            damage = "its header was never written";
        }
    }

    /** True if the header is missing, cut short or all zeros: a segment created just before a power loss. */
    boolean tornHeader() {
        return tornHeader;
    }

    /** True if the header was read and is this build's. */
    boolean headerRead() {
        return offset > 0;
    }

    /**
     * The next whole record, or null at the end of the valid ones ({@link #damage()} says
     * whether something follows them). Throws if a record whose checksum holds cannot be read
     * by this build.
     */
    Record next() throws IOException {
        if (damage != null) {
            return null;
        }
        byte[] frame = in.readNBytes(RecordCodec.FRAME_BYTES);
        if (frame.length == 0) {
            return null;
        }
        if (Segment.blank(frame) && Segment.zerosToEnd(in)) {
            blankTail = true;
            return null;
        }
        int length = frame.length == RecordCodec.FRAME_BYTES ? ByteBuffer.wrap(frame).getInt() : -1;
        if (length < 1 || length > RecordCodec.MAX_CONTENT_BYTES) {
            damage = length == -1 ? "a record's frame is cut short" : "a record claims " + length + " bytes";
            return null;
        }
        // Read as it comes, not allocated up front: a damaged length may claim megabytes the file lacks.
        byte[] content = in.readNBytes(length);
        if (content.length < length) {
            damage = "a record is cut short (" + content.length + " of " + length + " bytes)";
            return null;
        }
        byte[] record = new byte[RecordCodec.FRAME_BYTES + length];
        System.arraycopy(frame, 0, record, 0, frame.length);
        System.arraycopy(content, 0, record, RecordCodec.FRAME_BYTES, length);
        if (ByteBuffer.wrap(record).getInt(4) != RecordCodec.checksum(record, 0, length)) {
            damage = "a record fails its checksum";
            return null;
        }
        return decode(record, length);
    }

    private Record decode(byte[] record, int length) throws StoreException {
        byte[] content = new byte[length];
        System.arraycopy(record, RecordCodec.FRAME_BYTES, content, 0, length);
        try {
            Record r = RecordCodec.decode(content);
            offset += record.length;
            return r;
        } catch (FrameException e) {
            throw new StoreException(segment.path + " at byte " + offset + " holds " + e.getMessage()
                    + "; its checksum holds, so it is no torn write: was the log written by another build?");
        }
    }

    /**
     * True if the records end in zeros that run to the end of the file: room the segment was made
     * with and never used. Nothing was lost there; only the file is longer than what it holds.
     */
    boolean blankTail() {
        return blankTail;
    }

    /** Bytes of the file that hold a valid header and whole records. */
    long validBytes() {
        return offset;
    }

    /** What stopped the reading short of the file's end, or null if nothing did (yet). */
    String damage() {
        return damage;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
