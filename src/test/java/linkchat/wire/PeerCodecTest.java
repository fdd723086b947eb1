package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerCodecTest {
    private static final PeerMessage.OriginState STATE = new PeerMessage.OriginState("s1", 17, 42,
            List.of(new PeerMessage.User("ala", 5), new PeerMessage.User("żółw", 6)), List.of("s2", "s3"), true);

    @Test
    void everyMessageSurvivesARoundTrip() throws FrameException {
        List<PeerMessage> all = List.of(
                new PeerMessage.Hello(1, "s1", 17, "abcd"),
                new PeerMessage.Challenge("s2", 18, "ef01", "9999"),
                new PeerMessage.Challenge("s2", 18, "ef01", ""),
                new PeerMessage.Proof("1234"),
                new PeerMessage.Ready(),
                new PeerMessage.Refused("wrong secret"),
                new PeerMessage.Carry(new Stamped("s1", 17, 3, 99, new Event.Said("ala", "spaces and: colons"))),
                new PeerMessage.Carry(new Stamped("s1", 17, 4, 99, new Event.Acted("ala", "waves"))),
                new PeerMessage.Carry(new Stamped("s1", 17, 5, 99, new Event.Joined("ala"))),
                new PeerMessage.Carry(new Stamped("s1", 17, 6, 99, new Event.Left("ala", ""))),
                new PeerMessage.Carry(new Stamped("s1", 17, 7, 99, new Event.Renamed("ala", "ola"))),
                new PeerMessage.Carry(new Stamped("s1", 17, 8, 99, new Event.Links(List.of()))),
                new PeerMessage.Carry(new Stamped("s1", 17, 9, 99, new Event.Links(List.of("s2", "s3")))),
                new PeerMessage.Origin(STATE),
                new PeerMessage.Origin(new PeerMessage.OriginState("s9", 1, 0, List.of(), List.of(), false)),
                new PeerMessage.Synced(),
                new PeerMessage.Jump(12, STATE),
                new PeerMessage.Want("s4"),
                new PeerMessage.Ping(7),
                new PeerMessage.Pong(7));
        for (PeerMessage m : all) {
            assertEquals(m, PeerCodec.decode(PeerCodec.encode(m)), PeerCodec.encode(m));
        }
    }

    @Test
    void aPeersFreeTextIsCleanedOfWhatCouldDriveATerminal() throws FrameException {
        String esc = "\u001b[2J";
        for (Event sent : List.of(new Event.Said("ala", "hi" + esc + "\tthere"), new Event.Acted("ala", esc + "waves"),
                new Event.Left("ala", "gone" + esc))) {
            Stamped heard = ((PeerMessage.Carry) PeerCodec.decode(PeerCodec.encode(
                    new PeerMessage.Carry(new Stamped("s1", 1, 1, 1, sent))))).stamped();
            assertEquals(Sanitizer.clean(sent.line()), heard.event().line());
        }
    }

    @Test
    void onlyTheHelloMarksALink() {
        assertTrue(PeerCodec.isHello(PeerCodec.encode(new PeerMessage.Hello(1, "s1", 1, "00"))));
        assertTrue(!PeerCodec.isHello("LINKCHAT-HELLO"));
        assertTrue(!PeerCodec.isHello("hello"));
    }

    @ParameterizedTest(name = "refuses \"{0}\"")
    @ValueSource(strings = {
        "", "NOPE", "PING", "PING\tx", "PING\t1\t2", "READY\textra", "EVENT\ts1\t1\t0\t0\tSAY\tala\thi",
        "EVENT\ts1\t1\t2\t0\tDANCE\tala", "EVENT\ts1\tx\t2\t0\tJOIN\tala", "ORIGIN\ts1\t1\t2\t1\tnocolon\t",
        "JUMP\t1\ts1", "LINKCHAT-HELLO\tone\ts1\t1\t00"})
    void refusesMalformedMessages(String payload) {
        assertThrows(FrameException.class, () -> PeerCodec.decode(payload));
    }
}
