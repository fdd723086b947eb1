package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Frames;
import linkchat.wire.Sanitizer;

/** A linked server is held to what a client may say: nothing it sends can drive a client's terminal or overflow its frames. */
class HostilePeerTest {
    private static final String WHO_REPLY = "\\* \\d+ users? online.*";

    /** Event {@code seq} of origin x9's boot 1: {@code kind} and its fields. */
    private static String event(int seq, String kind) {
        return "EVENT\tx9\t1\t" + seq + "\t0\t" + kind;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("OSC 0 in a nick", event(3, "SAY\t\u001b]0;owned\u0007\thi")),
                Arguments.of("erase display in a joining nick", event(3, "JOIN\t\u001b[2Jeve")),
                Arguments.of("OSC 52 in a new nick", event(3, "NICK\tmallory\t\u001b]52;c;aGk=\u0007")),
                Arguments.of("CR LF in an acting nick", event(3, "ACT\tmal\r\nlory\twaves")),
                Arguments.of("C1 CSI in a leaving nick", event(3, "LEAVE\t\u009b2Jmallory\t")),
                Arguments.of("a bidi override in a nick", event(3, "JOIN\t\u202eyrollam")),
                Arguments.of("a 100 KB line", event(3, "SAY\tmallory\t" + "x".repeat(100_000))),
                Arguments.of("a 200 KB origin name", "EVENT\t" + "x".repeat(200_000) + "\t1\t1\t0\tJOIN\teve"),
                Arguments.of("an escape in an origin name", "EVENT\tx9\u001b[2J\t1\t1\t0\tJOIN\teve"),
                Arguments.of("an escape in a jump's user list", "JUMP\t0\tx9\t1\t3\t1\tmallory:1 \u001b]0;owned\u0007:2\t"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aPeerIsCutOffRatherThanPassOnWhatNoClientCouldSay(String what, String payload) throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                FakePeer x9 = FakePeer.link(s1, "x9")) {
            x9.send(event(1, "JOIN\tmallory"));
            x9.send(event(2, "SAY\tmallory\thello"));
            List<String> heard = new ArrayList<>(ala.readUntil("mallory: hello"::equals));
            x9.send(payload);
            // Read after the refused message, if the link still took it: the link must end first.
            x9.send(event(4, "SAY\tmallory\tstill linked"));
            x9.awaitClosed();
            heard.addAll(ala.readUntil(p -> p.startsWith("* lost link to x9")));
            assertFalse(heard.contains("mallory: still linked"), "the link went on after " + what);
            // A later joiner gets the backlog, and asks who is there.
            try (RawClient bob = s1.connect()) {
                bob.send("/who");
                heard.addAll(bob.readUntil(p -> p.matches(WHO_REPLY)));
            }
            heard.forEach(HostilePeerTest::assertHarmless);
        }
    }

    @Test
    void aPeersFreeTextIsCleanedAsAClientsIs() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                FakePeer x9 = FakePeer.link(s1, "x9")) {
            x9.send(event(1, "SAY\tmallory\thi\u001b[2J\u001b]0;owned\u0007 the\u202ere\u200b\u2028all"));
            assertEquals("mallory: hi there all", ala.nextStartingWith("mallory:"));
        }
    }

    private static void assertHarmless(String payload) {
        String shown = payload.length() > 80 ? payload.substring(0, 80) + "..." : payload;
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length <= Frames.DEFAULT_MAX_PAYLOAD,
                "a frame longer than clients take: " + Sanitizer.clean(shown));
        assertEquals(Sanitizer.clean(payload), payload, "a frame a terminal would act on");
    }
}
