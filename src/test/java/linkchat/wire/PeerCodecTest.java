package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
                new PeerMessage.Carry(new Stamped("s1", 17, 10, 99, new Event.Whispered("ala", "bob", "s3", "just: you -> me"))),
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
    void aLineIdTravelsWithItsEventAndAnEventWithoutOneIsEncodedAsBefore() throws FrameException {
        String longest = "x".repeat(LineId.MAX_LENGTH);
        List<Event> withIds = List.of(new Event.Said("ala", "hi", "c7:1"), new Event.Acted("ala", "waves", "A-z.0_9:"),
                new Event.Whispered("ala", "bob", "s2", "psst", longest));
        for (Event e : withIds) {
            PeerMessage m = new PeerMessage.Carry(new Stamped("s1", 17, 3, 99, e));
            assertEquals(m, PeerCodec.decode(PeerCodec.encode(m)), PeerCodec.encode(m));
        }
        assertEquals("EVENT\ts1\t17\t3\t99\tSAY c7:1\tala\thi",
                PeerCodec.encode(new PeerMessage.Carry(new Stamped("s1", 17, 3, 99, withIds.getFirst()))));
        // The forms from before ids: what an older server sends still parses as it did.
        assertEquals(new Event.Said("ala", "hi"), event("EVENT\ts1\t17\t3\t99\tSAY\tala\thi"));
        assertEquals(new Event.Acted("ala", "waves"), event("EVENT\ts1\t17\t3\t99\tACT\tala\twaves"));
        assertEquals(new Event.Whispered("ala", "bob", "s2", "psst"), event("EVENT\ts1\t17\t3\t99\tMSG\tala\tbob\ts2\tpsst"));
        assertEquals("EVENT\ts1\t17\t3\t99\tSAY\tala\thi",
                PeerCodec.encode(new PeerMessage.Carry(new Stamped("s1", 17, 3, 99, new Event.Said("ala", "hi")))));
        // What clients see does not change with an id.
        assertEquals(new Event.Said("ala", "hi").line(), withIds.getFirst().line());
    }

    private static Event event(String payload) throws FrameException {
        return ((PeerMessage.Carry) PeerCodec.decode(payload)).stamped().event();
    }

    @Test
    void aPeersFreeTextIsCleanedOfWhatCouldDriveATerminal() throws FrameException {
        String esc = "\u001b[2J";
        for (Event sent : List.of(new Event.Said("ala", "hi" + esc + "\tthere"), new Event.Acted("ala", esc + "waves"),
                new Event.Left("ala", "gone" + esc), new Event.Whispered("ala", "bob", "s2", esc + "psst" + esc))) {
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

    /** Payloads a peer must not get past this server, each refused though it is well-formed. */
    static Stream<Arguments> whatNoClientCouldSay() {
        String users = " u:1".repeat(PeerCodec.MAX_STATE_USERS).substring(1);
        String links = " s".repeat(PeerCodec.MAX_LINKS).substring(1);
        return Stream.of(
                Arguments.of("OSC 0 in a speaker's nick", "EVENT\ts1\t1\t1\t0\tSAY\t\u001b]0;owned\u0007\thi"),
                Arguments.of("OSC 52 in an actor's nick", "EVENT\ts1\t1\t1\t0\tACT\t\u001b]52;c;aGk=\u0007\twaves"),
                Arguments.of("erase display in a joining nick", "EVENT\ts1\t1\t1\t0\tJOIN\t\u001b[2Jeve"),
                Arguments.of("CR LF in a leaving nick", "EVENT\ts1\t1\t1\t0\tLEAVE\tmal\r\nlory\t"),
                Arguments.of("C1 CSI in a new nick", "EVENT\ts1\t1\t1\t0\tNICK\tala\t\u009b2J"),
                Arguments.of("a bad old nick", "EVENT\ts1\t1\t1\t0\tNICK\ta b\tala"),
                Arguments.of("an empty nick", "EVENT\ts1\t1\t1\t0\tJOIN\t"),
                Arguments.of("a nick of 33 characters", "EVENT\ts1\t1\t1\t0\tJOIN\t" + "a".repeat(33)),
                Arguments.of("a variation selector in a nick", "EVENT\ts1\t1\t1\t0\tJOIN\talice\ufe0f"),
                Arguments.of("a bidi override in a nick", "EVENT\ts1\t1\t1\t0\tJOIN\t\u202eyrollam"),
                Arguments.of("an escape in a private line's sender", "EVENT\ts1\t1\t1\t0\tMSG\t\u001b[2Jala\tbob\ts2\thi"),
                Arguments.of("a bad recipient of a private line", "EVENT\ts1\t1\t1\t0\tMSG\tala\t*bob\ts2\thi"),
                Arguments.of("a bad server of a private line", "EVENT\ts1\t1\t1\t0\tMSG\tala\tbob\ts 2\thi"),
                Arguments.of("a private line too long", "EVENT\ts1\t1\t1\t0\tMSG\tala\tbob\ts2\t" + "x".repeat(Event.MAX_TEXT_BYTES + 1)),
                Arguments.of("a line one byte too long", "EVENT\ts1\t1\t1\t0\tSAY\tala\t" + "x".repeat(Event.MAX_TEXT_BYTES + 1)),
                Arguments.of("a line too long only in UTF-8", "EVENT\ts1\t1\t1\t0\tSAY\tala\t" + "ż".repeat(Event.MAX_TEXT_BYTES / 2 + 1)),
                Arguments.of("an action too long", "EVENT\ts1\t1\t1\t0\tACT\tala\t" + "x".repeat(100_000)),
                Arguments.of("a reason too long", "EVENT\ts1\t1\t1\t0\tLEAVE\tala\t" + "x".repeat(100_000)),
                Arguments.of("a refusal too long", "REFUSED\t" + "x".repeat(100_000)),
                Arguments.of("a line id of 65 characters", "EVENT\ts1\t1\t1\t0\tSAY " + "k".repeat(65) + "\tala\thi"),
                Arguments.of("an empty line id", "EVENT\ts1\t1\t1\t0\tSAY \tala\thi"),
                Arguments.of("two spaces before a line id", "EVENT\ts1\t1\t1\t0\tACT  k1\tala\twaves"),
                Arguments.of("two line ids", "EVENT\ts1\t1\t1\t0\tSAY k1 k2\tala\thi"),
                Arguments.of("an escape in a line id", "EVENT\ts1\t1\t1\t0\tSAY k\u001b[2J\tala\thi"),
                Arguments.of("a slash in a private line's id", "EVENT\ts1\t1\t1\t0\tMSG k/1\tala\tbob\ts2\thi"),
                Arguments.of("a non-ASCII line id", "EVENT\ts1\t1\t1\t0\tSAY \u017c\tala\thi"),
                Arguments.of("a line id on a join", "EVENT\ts1\t1\t1\t0\tJOIN k1\tala"),
                Arguments.of("a line id on a departure", "EVENT\ts1\t1\t1\t0\tLEAVE k1\tala\t"),
                Arguments.of("an escape in an origin", "EVENT\ts1\u001b[2J\t1\t1\t0\tJOIN\tala"),
                Arguments.of("a 200 KB origin", "EVENT\t" + "s".repeat(200_000) + "\t1\t1\t0\tJOIN\tala"),
                Arguments.of("an origin of 65 characters", "WANT\t" + "s".repeat(65)),
                Arguments.of("an escape in a linked server", "EVENT\ts1\t1\t1\t0\tLINKS\ts2 \u001b]0;x\u0007"),
                Arguments.of("two spaces in a link list", "EVENT\ts1\t1\t1\t0\tLINKS\ts2  s3"),
                Arguments.of("too many linked servers", "EVENT\ts1\t1\t1\t0\tLINKS\t" + links + " s"),
                Arguments.of("an escape in a state's origin", "ORIGIN\ts1\u009b2J\t1\t2\t1\t\t"),
                Arguments.of("an escape in a state's user", "ORIGIN\ts1\t1\t2\t1\tala:1 \u001b]0;owned\u0007:2\t"),
                Arguments.of("a bad nick in a jump", "JUMP\t0\ts1\t1\t2\t1\tala:1 *star:2\t"),
                Arguments.of("too many users in a state", "ORIGIN\ts1\t1\t2\t1\t" + users + " u:1\t"),
                Arguments.of("a bad name in a state's links", "JUMP\t0\ts1\t1\t2\t1\t\ts2 s\u00e9"),
                Arguments.of("too many links in a state", "ORIGIN\ts1\t1\t2\t1\t\t" + links + " s"),
                Arguments.of("an escape in a wanted origin", "WANT\t\u001b[2J"),
                Arguments.of("a negative loss", "JUMP\t-1\ts1\t1\t2\t1\t\t"),
                Arguments.of("a negative state sequence", "ORIGIN\ts1\t1\t-2\t1\t\t"),
                Arguments.of("completeness that is neither 0 nor 1", "ORIGIN\ts1\t1\t2\t7\t\t"),
                Arguments.of("a version past an int", "LINKCHAT-HELLO\t4294967297\ts1\t1\t00"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("whatNoClientCouldSay")
    void refusesFromAPeerWhatNoClientCouldSay(String what, String payload) {
        FrameException e = assertThrows(FrameException.class, () -> PeerCodec.decode(payload));
        // The reason ends the link and is logged: it must be short and plain whatever the peer sent.
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertEquals(Sanitizer.clean(e.getMessage()), e.getMessage());
    }

    @Test
    void takesEverythingUpToEachLimit() throws FrameException {
        List<PeerMessage.User> users = new ArrayList<>();
        for (int i = 0; i < PeerCodec.MAX_STATE_USERS; i++) {
            users.add(new PeerMessage.User("u" + i, i));
        }
        List<String> links = Collections.nCopies(PeerCodec.MAX_LINKS, "s".repeat(ServerName.MAX_LENGTH));
        String longest = "ż".repeat(Event.MAX_TEXT_BYTES / 2);
        List<PeerMessage> all = List.of(
                new PeerMessage.Origin(new PeerMessage.OriginState("s1", 1, 2, users, links, true)),
                new PeerMessage.Carry(new Stamped("s1", 1, 3, 0, new Event.Said("ż".repeat(Nicks.MAX_LENGTH), longest))),
                new PeerMessage.Carry(new Stamped("s1", 1, 4, 0, new Event.Links(links))),
                new PeerMessage.Want("s".repeat(ServerName.MAX_LENGTH)));
        for (PeerMessage m : all) {
            assertEquals(m, PeerCodec.decode(PeerCodec.encode(m)));
        }
    }

    @ParameterizedTest(name = "refuses \"{0}\"")
    @ValueSource(strings = {
        "", "NOPE", "PING", "PING\tx", "PING\t1\t2", "READY\textra", "EVENT\ts1\t1\t0\t0\tSAY\tala\thi",
        "EVENT\ts1\t1\t2\t0\tDANCE\tala", "EVENT\ts1\tx\t2\t0\tJOIN\tala", "ORIGIN\ts1\t1\t2\t1\tnocolon\t",
        "JUMP\t1\ts1", "LINKCHAT-HELLO\tone\ts1\t1\t00", "EVENT\ts1\t1\t2\t0\tMSG\tala\tbob", "EVENT\ts1\t1\t2\t0\tMSG\tala\tbob\thi"})
    void refusesMalformedMessages(String payload) {
        assertThrows(FrameException.class, () -> PeerCodec.decode(payload));
    }
}
