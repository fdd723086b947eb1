package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import linkchat.client.AckingServer.Answer;
import linkchat.client.ChatSessionTest.RecordingDisplay;
import linkchat.wire.HostPort;
import linkchat.wire.LineId;

/**
 * The client's side of line ids (PROTOCOL.md part 2): every chat line, action and private line
 * carries an id, is held until its ack, and is sent again with the same id, in order and before
 * any new line, to the next server after a loss; a server without ids gets the lines plain.
 */
class LineIdsTest {
    private static ClientConfig twoServers(HostPort first, HostPort second) {
        return new ClientConfig(first.host(), first.port(), null, null, true, List.of(second));
    }

    /** The id of a {@code /line ID TEXT} frame, checking it carries {@code text}. */
    private static String idOf(String frame, String text) {
        Matcher m = FakeServer.LINE.matcher(frame);
        assertTrue(m.matches(), "not a line with an id: " + frame);
        assertEquals(text, m.group(2));
        return m.group(1);
    }

    @Test
    void idsAreWellFormedUniqueAndShareTheRunsToken() throws Exception {
        LineIds ids = new LineIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertTrue(LineId.valid(id), id);
            assertTrue(seen.add(id), "repeated: " + id);
            assertTrue(ids.isOurs(id));
        }
        String other = new LineIds().next();
        assertFalse(seen.contains(other), "a second session of the same run starts no count again");
        assertTrue(ids.isOurs(other), "one token per run");
        assertFalse(new LineIds("someone-else").isOurs(other));
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            session.start(new RecordingDisplay());
            List<String> sent = new ArrayList<>();
            for (String line : List.of("hi", "hi", "/me waves", "/msg bob psst", "//slash")) {
                assertTrue(session.submit(line));
                sent.add(idOf(server.nextFrame(), line));
            }
            assertEquals(sent.size(), Set.copyOf(sent).size(), "every line its own id, the same text too: " + sent);
            assertTrue(session.submit("/who"));
            assertEquals("/who", server.nextFrame(), "a command is no line: no id");
        }
    }

    @Test
    void heldLinesGoAgainWithTheirIdsInOrderBeforeNewOnesAndAnAckedLineFirst() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        try (AckingServer first = new AckingServer("ala", federation, n -> n == 1 ? Answer.ACK : Answer.SILENT);
                AckingServer second = new AckingServer("ala", federation, n -> Answer.ACK);
                ChatSession session = ChatSession.connectReconnecting(twoServers(first.address(), second.address()))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            List<String> ids = new ArrayList<>();
            for (String line : List.of("one", "two", "/me waves")) {
                assertTrue(session.submit(line));
                ids.add(idOf(first.nextFrame(), line));
            }
            assertEquals("show: ala: one", display.nextStartingWith("show: ala:"));
            first.dropClient();
            display.nextStartingWith("lost: ");
            assertTrue(session.submit("three"), "a line typed between servers is held for the next");
            assertEquals("show: * reconnected to " + second.address(), display.nextStartingWith("show: * reconnected"));
            assertEquals("show: * resent 2 lines", display.next());
            assertEquals("/nick ala", second.nextFrame(), "the nick first, as on every reconnect");
            assertEquals(ids.get(0), idOf(second.nextFrame(), "one"), "the acked line first: the server that acked it may not have passed it on");
            assertEquals(ids.get(1), idOf(second.nextFrame(), "two"), "the same id");
            assertEquals(ids.get(2), idOf(second.nextFrame(), "/me waves"));
            assertNotEquals(ids.get(2), idOf(second.nextFrame(), "three"), "the new line after the held ones");
            assertEquals("show: ala: three", display.nextStartingWith("show: ala: three"));
            assertEquals(List.of("one", "two", "/me waves", "three"), federation.texts());
        }
    }

    @Test
    void aLineAckedByAServerThatDiedBeforePassingItOnReachesTheNextOnceAndIsShownOnce() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        try (AckingServer first = new AckingServer("ala", federation, n -> n == 1 ? Answer.KEEP : Answer.ACK);
                AckingServer second = new AckingServer("ala", federation, n -> Answer.ACK);
                ChatSession session = ChatSession.connectReconnecting(twoServers(first.address(), second.address()))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            assertTrue(session.submit("kept, not passed on"));
            String id = idOf(first.nextFrame(), "kept, not passed on");
            assertTrue(session.submit("passed on"));
            idOf(first.nextFrame(), "passed on");
            assertEquals("show: ala: kept, not passed on", display.nextStartingWith("show: ala:"));
            assertEquals("show: ala: passed on", display.nextStartingWith("show: ala:"));
            first.dropClient();
            display.nextStartingWith("show: * reconnected");
            assertEquals("/nick ala", second.nextFrame());
            assertEquals(id, idOf(second.nextFrame(), "kept, not passed on"), "acked lines go again, oldest first");
            idOf(second.nextFrame(), "passed on");
            assertTrue(session.submit("after"));
            assertEquals("show: ala: after", display.nextStartingWith("show: ala:"), "the line delivered now is not shown again");
            assertEquals(List.of("passed on", "kept, not passed on", "after"), federation.texts(),
                    "each once: the kept line reached the federation through the second server");
        }
    }

    @Test
    void aLineDeliveredBeforeTheLossIsShownOnceWhetherOrNotItsEchoCame() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        Answer[] firstScript = {Answer.ECHO, Answer.DELIVER, Answer.SILENT};
        try (AckingServer first = new AckingServer("ala", federation, n -> firstScript[n - 1]);
                AckingServer second = new AckingServer("ala", federation, n -> Answer.ACK);
                ChatSession session = ChatSession.connectReconnecting(twoServers(first.address(), second.address()))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            for (String line : List.of("echoed", "delivered unseen", "never reached")) {
                assertTrue(session.submit(line));
                first.nextFrame();
            }
            assertEquals("show: ala: echoed", display.nextStartingWith("show: ala:"));
            first.dropClient();
            display.nextStartingWith("show: * reconnected");
            assertEquals("show: * resent 3 lines", display.next());
            assertEquals("show: ala: delivered unseen", display.nextStartingWith("show: ala:"),
                    "acked alone: shown as if echoed; the line echoed before is not shown again");
            assertEquals("show: ala: never reached", display.nextStartingWith("show: ala:"));
            assertTrue(session.submit("after"));
            assertEquals("show: ala: after", display.nextStartingWith("show: ala:"));
            assertEquals(List.of("echoed", "delivered unseen", "never reached", "after"), federation.texts(), "each once");
        }
    }

    @Test
    void aServerWithoutIdsGetsTheLinesAgainPlainAndItsRefusalsAreNotShown() throws Exception {
        String noIds = "* error: unknown command /line; /help lists the commands";
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            assertTrue(session.submit("hi"));
            assertTrue(session.submit("/me waves"));
            server.nextLine();
            server.nextLine();
            server.send(noIds);
            assertEquals("hi", server.nextFrame(), "again, without its id");
            assertEquals("/me waves", server.nextFrame());
            assertEquals("show: * 127.0.0.1:" + server.port() + " does not take line ids: lines go to it without them,"
                    + " and one it has not echoed when it goes away may be lost", display.next());
            server.send(noIds);
            assertTrue(session.submit("third"));
            assertEquals("third", server.nextFrame(), "the rest of the connection goes without ids");
            server.send("ala: hi");
            assertEquals("show: ala: hi", display.next(), "the second refusal is not shown");
            server.send(noIds);
            assertEquals("show: " + noIds, display.next(), "a refusal not of ours is shown");
        }
    }

    @Test
    void aRefusedLineIsSettledByItsAckAndNotSentAgain() throws Exception {
        try (FakeServer first = FakeServer.start(FakeServer.welcome("ala"));
                FakeServer second = FakeServer.start(FakeServer.welcome("ala"));
                ChatSession session = ChatSession.connectReconnecting(new ClientConfig("127.0.0.1", first.port(), null,
                        null, true, List.of(new HostPort("127.0.0.1", second.port()))))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            assertTrue(session.submit("far too long"));
            String id = idOf(first.nextFrame(), "far too long");
            first.send("* error: line too long (at most 64512 bytes)");
            first.send("* ack " + id);
            first.send("bob: after the ack");
            assertEquals("show: * error: line too long (at most 64512 bytes)", display.next());
            assertEquals("show: bob: after the ack", display.next(), "the ack itself is not shown");
            first.dropClient();
            display.nextStartingWith("show: * reconnected");
            assertEquals("/nick ala", second.nextFrame());
            assertEquals("/who", second.nextFrame(), "nothing is sent again");
        }
    }
}
