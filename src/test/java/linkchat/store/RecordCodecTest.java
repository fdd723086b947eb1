package linkchat.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import linkchat.wire.Event;
import linkchat.wire.FrameException;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

class RecordCodecTest {
    @Test
    void everyKindSurvivesARoundTrip() throws FrameException {
        for (Record r : Logs.sample()) {
            byte[] bytes = RecordCodec.encode(r, null).bytes();
            assertEquals(bytes.length - RecordCodec.FRAME_BYTES, ByteBuffer.wrap(bytes).getInt(), "the length prefix");
            assertEquals(ByteBuffer.wrap(bytes).getInt(4), RecordCodec.checksum(bytes, 0, bytes.length - RecordCodec.FRAME_BYTES));
            assertEquals(r, RecordCodec.decode(Arrays.copyOfRange(bytes, RecordCodec.FRAME_BYTES, bytes.length)));
        }
    }

    @Test
    void anEventIsStoredAsTheFrameLinksCarry() {
        Record.Kept k = Logs.line(5);
        byte[] frame = PeerCodec.frame(new PeerMessage.Carry(k.stamped()));
        assertArrayEquals(RecordCodec.encode(k, null).bytes(), RecordCodec.encode(k, frame).bytes());
        byte[] bytes = RecordCodec.encode(k, frame).bytes();
        String body = new String(bytes, RecordCodec.FRAME_BYTES + 9, bytes.length - RecordCodec.FRAME_BYTES - 9, StandardCharsets.UTF_8);
        assertEquals(PeerCodec.encode(new PeerMessage.Carry(k.stamped())), body);
    }

    @Test
    void aRecordPastItsBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Record.Position("s 1", 1, 1));
        String huge = "x".repeat(Event.MAX_TEXT_BYTES);
        Record.Kept fits = new Record.Kept(new Stamped("s1", 1, 1, 0, new Event.Said("ala", huge)), 0);
        assertEquals(fits, decode(RecordCodec.encode(fits, null).bytes()));
    }

    /** Contents whose checksum would hold but which this build cannot read: never cut as a torn tail. */
    @ParameterizedTest
    @ValueSource(strings = {"", "09", "01", "0100000000000000004556454e54", "020000000000000001", "0400", "030000"})
    void refusesContentItCannotRead(String hex) {
        byte[] content = HexFormat.of().parseHex(hex);
        assertThrows(FrameException.class, () -> RecordCodec.decode(content));
    }

    @Test
    void refusesAnEventRecordHoldingAnotherPeerMessage() {
        byte[] ping = PeerCodec.encode(new PeerMessage.Ping(3)).getBytes(StandardCharsets.UTF_8);
        byte[] content = ByteBuffer.allocate(9 + ping.length).put(RecordCodec.EVENT).putLong(1).put(ping).array();
        assertThrows(FrameException.class, () -> RecordCodec.decode(content));
    }

    private static Record decode(byte[] bytes) {
        try {
            return RecordCodec.decode(Arrays.copyOfRange(bytes, RecordCodec.FRAME_BYTES, bytes.length));
        } catch (FrameException e) {
            throw new AssertionError(e);
        }
    }
}
