package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Command;
import linkchat.wire.Event;
import linkchat.wire.LineId;

/** {@code /line ID TEXT} on one server: each line delivered once, whatever its client resends, and acknowledged; original clients see nothing new. */
class LineIdTest {
    private static final String WHO_REPLY = "\\* \\d+ users? online.*";

    /** The chat lines a client joining now is shown, without their history marks. */
    private static List<String> backlogOf(TestServer server) {
        try (RawClient late = RawClient.connect(server.port())) {
            late.send("/who");
            return late.readUntil(p -> p.matches(WHO_REPLY)).stream()
                    .filter(p -> p.startsWith("* history ")).map(p -> p.replaceFirst("^\\* history \\S+ ", "")).toList();
        }
    }

    @Test
    void aLineIsEchoedThenAcknowledgedAndAResentIdIsAcknowledgedAlone() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient bob = s1.connect("bob")) {
            ala.nextStartingWith("* bob joined");
            for (String[] line : List.of(new String[] {"c7:1", "hello", "ala: hello"},
                    new String[] {"c7:2", "/me waves", "ala: * waves"},
                    new String[] {"c7:3", "/msg BOB psst", "[msg] ala -> bob: psst"})) {
                ala.send(LineId.wrap(line[0], line[1]));
                assertEquals(line[2], ala.next());
                assertEquals(LineId.ACK + line[0], ala.next());
                // Resent, as after a reconnect that lost the echo: delivered already, so only the ack.
                ala.send(LineId.wrap(line[0], line[1]));
                assertEquals(LineId.ACK + line[0], ala.next());
            }
            // The window is the server's, not the connection's: the client came back on another.
            try (RawClient again = s1.connect("cid")) {
                again.send(LineId.wrap("c7:1", "hello"));
                assertEquals(LineId.ACK + "c7:1", again.next());
            }
            ala.send("after");
            assertEquals("ala: after", ala.nextMatching(p -> !p.startsWith("* ")), "the next line after the ack");
            List<String> heard = bob.readUntil(p -> p.equals("ala: after")).stream().filter(p -> !p.startsWith("* ")).toList();
            assertEquals(List.of("ala: hello", "ala: * waves", "[msg] ala -> bob: psst", "ala: after"), heard);
            assertEquals(List.of("ala: hello", "ala: * waves", "ala: after"), backlogOf(s1));
        }
    }

    @Test
    void aServerRestartedFromItsLogStillKnowsTheIdsItDelivered(@TempDir Path dir) {
        ServerConfig durable = ServerConfig.loopback("s1").withPort(0).withDataDir(dir, Duration.ofSeconds(1));
        try (TestServer s1 = TestServer.start(durable);
                RawClient ala = s1.connect("ala")) {
            ala.send(LineId.wrap("d:1", "before the restart"));
            assertEquals("ala: before the restart", ala.next());
            assertEquals(LineId.ACK + "d:1", ala.next());
        }
        try (TestServer again = TestServer.start(durable);
                RawClient ala = again.connect("ala")) {
            ala.send(LineId.wrap("d:1", "before the restart"));
            assertEquals(LineId.ACK + "d:1", ala.next());
            assertEquals(List.of("ala: before the restart"), backlogOf(again));
        }
    }

    @Test
    void aPrivateLineResentAfterItsRecipientLeftIsOnlyAcknowledged() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala")) {
            try (RawClient bob = s1.connect("bob")) {
                ala.send(LineId.wrap("m:1", "/msg bob psst"));
                assertEquals("[msg] ala -> bob: psst", ala.nextStartingWith("[msg] "));
                assertEquals(LineId.ACK + "m:1", ala.next());
                assertEquals("[msg] ala -> bob: psst", bob.nextStartingWith("[msg] "));
            }
            ala.nextStartingWith("* bob left");
            // Delivered already: no "nobody reachable", which would tell the sender it was not.
            ala.send(LineId.wrap("m:1", "/msg bob psst"));
            assertEquals(LineId.ACK + "m:1", ala.next());
        }
    }

    @Test
    void aBadLineIsRefusedToItsSenderAloneAndAcknowledgedIfItsIdIsGood() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient bob = s1.connect("bob")) {
            ala.nextStartingWith("* bob joined");
            ala.send("/line bad!id hello");
            assertEquals("* error: bad line id 'bad!id' (" + LineId.RULE + ")", ala.next());
            ala.send("/line " + "k".repeat(LineId.MAX_LENGTH + 1) + " hello");
            assertTrue(ala.next().startsWith("* error: bad line id '"));
            ala.send("/line");
            assertEquals("* error: " + Command.LINE_USAGE, ala.next());
            String tooLong = "* error: line too long (at most " + Event.MAX_TEXT_BYTES + " bytes)";
            String nobody = "* error: nobody reachable is called nobody; /who lists who is";
            String notCarried = "* error: " + Command.NOT_CARRIED;
            List<String[]> refused = List.of(new String[] {"k:1", "", "* error: " + Command.LINE_USAGE},
                    new String[] {"k:2", "/who", notCarried}, new String[] {"k:3", "/nick ola", notCarried},
                    new String[] {"k:4", "/line k:5 hi", notCarried}, new String[] {"k:6", "/quit", notCarried},
                    new String[] {"k:7", "/me", "* error: usage: /me ACTION"}, new String[] {"k:8", "/msg nobody hi", nobody},
                    new String[] {"k:9", "x".repeat(Event.MAX_TEXT_BYTES + 1), tooLong});
            for (String[] line : refused) {
                ala.send(LineId.wrap(line[0], line[1]).strip());
                assertEquals(line[2], ala.next(), line[1]);
                assertEquals(LineId.ACK + line[0], ala.next(), line[1]);
            }
            // Nothing left once cleaned: nothing to deliver, and the line is done with all the same.
            ala.send(LineId.wrap("k:10", "\u001b[2J"));
            assertEquals(LineId.ACK + "k:10", ala.next());
            ala.send("still ala");
            assertEquals("ala: still ala", ala.next());
            assertEquals(List.of("ala: still ala"), bob.readUntil(p -> p.equals("ala: still ala")));
        }
    }

    @Test
    void anOriginalClientSeesWhatItSawBeforeAndNothingItSendsPassesForAnAck() {
        try (TestServer s1 = TestServer.start("s1");
                RawClient ala = s1.connect("ala");
                RawClient seed = RawClient.connect(s1.port())) {
            String welcome = seed.nextStartingWith("* welcome");
            String guest = welcome.replaceAll(".*, you are (\\S+);.*", "$1");
            ala.nextStartingWith("* " + guest + " joined");
            ala.send(LineId.wrap("c:1", "from ala"));
            assertEquals("ala: from ala", ala.next());
            assertEquals(LineId.ACK + "c:1", ala.next());
            seed.sendLikeOriginal("hello");
            seed.sendLikeOriginal("* ack hello");
            seed.sendLikeOriginal("/me waves");
            seed.send("/who");
            List<String> heard = seed.readUntil(p -> p.matches(WHO_REPLY));
            assertEquals(List.of("* " + guest + " joined", "ala: from ala", guest + ": hello", guest + ": * ack hello",
                    guest + ": * waves"), heard.subList(0, heard.size() - 1));
            List<String> alaHeard = ala.readUntil(p -> p.equals(guest + ": * waves"));
            assertEquals(List.of(guest + ": hello", guest + ": * ack hello", guest + ": * waves"), alaHeard);
            assertFalse(alaHeard.stream().anyMatch(p -> p.startsWith(LineId.ACK)), alaHeard.toString());
        }
    }
}
