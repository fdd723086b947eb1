package linkchat.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import linkchat.wire.FrameException;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * Maps {@link Record}s to the bytes of the log and back. A record is its content's length (4
 * bytes, big-endian), a CRC32C of those 4 bytes and the content (4 bytes), then the content: a
 * kind byte and the kind's body. An event's body is its keep time (8 bytes) and the peer
 * codec's payload for it, the same bytes a link carries; a state's is the peer codec's ORIGIN
 * payload. Stateless; safe from any thread.
 */
final class RecordCodec {
    /** Bytes in front of each record's content: its length, then its checksum. */
    static final int FRAME_BYTES = 8;

    /**
     * Longest content a record may have: the longest peer payload, and its kind and keep time. An
     * event stays under 128 KiB, but a state of a server with 65,536 users may take megabytes, as
     * its ORIGIN message on a link does; a larger length can only be damage.
     */
    static final int MAX_CONTENT_BYTES = Frames.MAX_PAYLOAD_CEILING + 16;

    static final byte EVENT = 1;
    static final byte POSITION = 2;
    static final byte STATE = 4;

    /** A record and its bytes in the log, made by the appending thread, and copied into the log as they are. */
    record Encoded(Record record, byte[] bytes) {}

    private RecordCodec() {}

    /** Encodes a record; an event's peer payload is taken from {@code carryFrame} when one was made (header and all), else encoded. */
    static Encoded encode(Record record, byte[] carryFrame) {
        ByteBuffer out = switch (record) {
            case Record.Kept k -> event(k, carryFrame);
            case Record.Position p -> position(p);
            case Record.State st -> peer(STATE, new PeerMessage.Origin(st.state()));
        };
        int length = out.capacity() - FRAME_BYTES;
        out.putInt(0, length).putInt(4, checksum(out.array(), 0, length));
        return new Encoded(record, out.array());
    }

    /**
     * A record's bytes with room for its frame, its content put after it: each record is built in
     * the one array the log writes, not copied into it. Throws if the content is longer than the log takes.
     */
    private static ByteBuffer content(byte kind, int bodyBytes) {
        int length = 1 + bodyBytes;
        if (length > MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException("a record of " + length + " bytes is longer than the log takes");
        }
        return ByteBuffer.allocate(FRAME_BYTES + length).position(FRAME_BYTES).put(kind);
    }

    /** The checksum a record's frame holds: over its length bytes at {@code at} and its {@code length} bytes of content after the frame. */
    static int checksum(byte[] buf, int at, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf, at, 4);
        crc.update(buf, at + FRAME_BYTES, length);
        return (int) crc.getValue();
    }

    private static ByteBuffer event(Record.Kept k, byte[] carryFrame) {
        byte[] payload;
        int from = 0;
        if (carryFrame != null) {
            payload = carryFrame;
            from = Frames.HEADER_SIZE;
        } else {
            payload = PeerCodec.encode(new PeerMessage.Carry(k.stamped())).getBytes(StandardCharsets.UTF_8);
        }
        return content(EVENT, 8 + payload.length - from).putLong(k.keptAt()).put(payload, from, payload.length - from);
    }

    private static ByteBuffer peer(byte kind, PeerMessage m) {
        byte[] payload = PeerCodec.encode(m).getBytes(StandardCharsets.UTF_8);
        return content(kind, payload.length).put(payload);
    }

    private static ByteBuffer position(Record.Position p) {
        byte[] origin = p.origin().getBytes(StandardCharsets.US_ASCII);
        return content(POSITION, 16 + origin.length).putLong(p.boot()).putLong(p.seq()).put(origin);
    }

    /**
     * Decodes a record's content, whose checksum held. Throws if this build cannot read it (a
     * kind it does not know, a body that does not parse): that is no torn write but a log from
     * another build, or damage the checksum missed, and is never cut away silently.
     */
    static Record decode(byte[] content) throws FrameException {
        if (content.length == 0) {
            throw new FrameException("a record with no kind");
        }
        ByteBuffer b = ByteBuffer.wrap(content, 1, content.length - 1);
        try {
            return switch (content[0]) {
                case EVENT -> kept(b);
                case POSITION -> position(b);
                case STATE -> state(b);
                default -> throw new FrameException("a record of unknown kind " + content[0]);
            };
        } catch (RuntimeException e) {
            throw new FrameException("a record that does not parse: " + e.getMessage());
        }
    }

    private static Record.Kept kept(ByteBuffer b) throws FrameException {
        long keptAt = b.getLong();
        String payload = new String(b.array(), b.position(), b.remaining(), StandardCharsets.UTF_8);
        if (!(PeerCodec.decode(payload) instanceof PeerMessage.Carry carry)) {
            throw new FrameException("an event record holding another peer message");
        }
        return new Record.Kept(carry.stamped(), keptAt);
    }

    private static Record.State state(ByteBuffer b) throws FrameException {
        String payload = new String(b.array(), b.position(), b.remaining(), StandardCharsets.UTF_8);
        if (!(PeerCodec.decode(payload) instanceof PeerMessage.Origin origin)) {
            throw new FrameException("a state record holding another peer message");
        }
        return new Record.State(origin.state());
    }

    private static Record.Position position(ByteBuffer b) {
        long boot = b.getLong();
        long seq = b.getLong();
        return new Record.Position(ascii(b, b.remaining()), boot, seq);
    }


    /** The next {@code length} bytes as ASCII, moving past them. */
    private static String ascii(ByteBuffer b, int length) {
        if (length > b.remaining()) {
            throw new IllegalArgumentException("a name runs past its record");
        }
        String s = new String(b.array(), b.position(), length, StandardCharsets.US_ASCII);
        b.position(b.position() + length);
        return s;
    }
}
