package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** The client against the real server: the notices it learns its nick from must match what the server says. */
class RealServerTest {
    @Test
    void pipedSessionLearnsItsNickAndQuitsCleanly() throws Exception {
        try (TestServer server = TestServer.start("s1")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = PlainClient.run(new ClientConfig("127.0.0.1", server.port(), "ala"),
                    new ByteArrayInputStream("/who\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            String welcome = lines.getFirst();
            assertNotNull(Incoming.ownNick(welcome), "welcome not recognized: " + welcome);
            assertEquals("ala", Incoming.ownNick(welcome), "joined under its nick at once: " + lines);
            assertFalse(lines.stream().anyMatch(l -> l.contains("known as")), "renamed after joining: " + lines);
            assertEquals("* bye", lines.getLast());
        }
    }

    @Test
    void anActionSayingWeWereRenamedLeavesOurNickAlone() throws Exception {
        try (TestServer server = TestServer.start("s1");
                ChatSession session = ChatSession.connect(new ClientConfig("127.0.0.1", server.port(), "you"))) {
            ChatSessionTest.RecordingDisplay display = new ChatSessionTest.RecordingDisplay();
            session.start(display);
            while (!display.next().equals("nick: you")) {
                // the welcome's guest nick comes first
            }
            assertTrue(session.submit("/me are now known as root"));
            assertEquals("show: you: * are now known as root", display.nextStartingWith("show: you: "));
            assertTrue(session.submit("/who"), "a round trip: the action has been handled by now");
            display.nextStartingWith("show: * 1 user online");
            assertEquals("you", session.nick());
        }
    }

    @Test
    void aReconnectIsOneDepartureAndOneArrivalUnderTheSameNick() throws Exception {
        try (TestServer server = TestServer.start("s1");
                RawClient bob = server.connect("bob");
                ChatSession session = ChatSession.connectReconnecting(new ClientConfig("127.0.0.1", server.port(), "ala"))) {
            ChatSessionTest.RecordingDisplay display = new ChatSessionTest.RecordingDisplay();
            session.start(display);
            assertEquals("* ala joined", bob.next());
            for (int i = 0; i < 3; i++) {
                assertTrue(session.submit("/reconnect"));
                assertEquals("* ala left (reconnecting)", bob.next());
                assertEquals("* ala joined", bob.next(), "one line, under the nick, no guest");
                display.nextStartingWith("show: * reconnected to "); // back, so the next /reconnect leaves again
            }
            bob.send("/who");
            assertEquals("* 2 users online: ala (s1), bob (s1)", bob.next());
        }
    }
}
