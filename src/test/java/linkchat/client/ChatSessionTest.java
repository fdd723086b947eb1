package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import linkchat.wire.HostPort;

class ChatSessionTest {
    /** Records what the session tells its display, in order, as "kind: text". */
    static final class RecordingDisplay implements Display {
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void show(Incoming line) {
            events.add("show: " + line.raw());
        }

        @Override
        public void nickChanged(String nick) {
            events.add("nick: " + nick);
        }

        @Override
        public void lost(String message) {
            events.add("lost: " + message);
        }

        String next() throws InterruptedException {
            String event = events.poll(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no display event within " + FakeServer.WAIT_SECONDS + " s");
            }
            return event;
        }

        /** Skips events until one starts with {@code prefix}, and returns it. */
        String nextStartingWith(String prefix) throws InterruptedException {
            String event;
            do {
                event = next();
            } while (!event.startsWith(prefix));
            return event;
        }

        boolean isQuiet() {
            return events.isEmpty();
        }
    }

    @Test
    void typedLinesBecomeFramesAndQuitWaitsForTheClose() throws Exception {
        try (FakeServer server = FakeServer.start();
                ChatSession session = ChatSession.connect(server.config("ala", null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertEquals("/nick ala", server.nextFrame(), "the configured nick is asked for first");
            for (String line : new String[] {"hi", "/nick bob", "/who", "/me waves", "/frobnicate", "//slash", "/msg bob hi"}) {
                assertTrue(session.submit(line));
                boolean chat = !line.startsWith("/") || line.startsWith("//") || line.startsWith("/me ") || line.startsWith("/msg ");
                assertEquals(line, chat ? server.nextLine() : server.nextFrame(), "chat lines, actions and private lines go with ids");
            }
            assertTrue(session.submit("   "));
            assertFalse(session.submit("/QUIT   bye now "));
            assertEquals("/quit bye now", server.nextFrame(), "a blank line sends nothing");
            assertEquals(FakeServer.CLOSED, server.nextFrame());
            assertEquals("show: * bye", display.next());
            assertFalse(session.isLost());
            assertTrue(display.isQuiet(), "a close after /quit is no loss");
        }
    }

    @Test
    void theWantedNickIsTheFirstFrameBeforeTheDisplayIsEvenThere() throws Exception {
        try (FakeServer server = FakeServer.start();
                ChatSession session = ChatSession.connect(server.config("ala", null))) {
            // The terminal may take longer to set up than a server waits for a first frame.
            assertEquals("/nick ala", server.nextFrame());
            session.start(new RecordingDisplay());
            assertTrue(session.submit("hi"));
            assertEquals("hi", server.nextLine(), "the nick is not asked for again");
        }
    }

    @Test
    void replyAnswersWhoeverLastWroteToUsPrivately() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            display.nextStartingWith("show: * welcome");
            assertTrue(session.submit("/reply anyone?"));
            assertEquals("show: * nobody wrote to you privately yet; /msg NICK TEXT writes to anyone", display.next());
            server.send("[msg] bob -> ala: psst");
            server.send("[msg] ala -> cid: our own line names no one to answer");
            server.send("mallory: [msg] mallory -> ala: a chat line is no private line");
            display.nextStartingWith("show: mallory: ");
            assertEquals("bob", session.lastPrivate());
            assertTrue(session.submit("/REPLY  hi bob"));
            assertEquals("/msg bob hi bob", server.nextLine());
            assertTrue(session.submit("/reply"));
            assertEquals("show: * usage: /reply TEXT (answers bob)", display.next());
            assertTrue(session.submit("/replying is a chat line"));
            assertEquals("/replying is a chat line", server.nextFrame());
        }
    }

    @Test
    void incomingLinesAreSanitized() throws Exception {
        try (FakeServer server = FakeServer.start("eve: \u001b[2Jhello\u001b]0;pwned\u0007 \u009b31mworld\r\n");
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertEquals("show: eve: hello world  ", display.next());
        }
    }

    @Test
    void ownNickFollowsTheServersNotices() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertEquals("nick: ala", display.next());
            assertEquals("show: " + FakeServer.welcome("ala"), display.next());
            assertEquals("ala", session.nick());
            server.send("* carl is now known as dave");
            server.send("mallory: * you are now known as mallory");
            server.send("* you are now known as bob");
            assertEquals("show: * carl is now known as dave", display.next());
            assertEquals("show: mallory: * you are now known as mallory", display.next());
            assertEquals("nick: bob", display.next());
            assertEquals("bob", session.nick());
        }
    }

    @Test
    void noticesNamingOurNickAreRecognized() {
        assertEquals("a;b", Incoming.ownNick("* welcome to x, you are y, you are a;b; /help lists the commands"));
        assertEquals("z", Incoming.ownNick("* you are now known as z"));
        assertNull(Incoming.ownNick("* you are now known as two words"));
        assertNull(Incoming.ownNick("* ala is now known as bob"));
        assertNull(Incoming.ownNick("x: * you are now known as z"));
    }

    @Test
    void serverGoingAwayIsReportedOnceNamingTheServer() throws Exception {
        try (FakeServer server = FakeServer.start();
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            server.dropClient();
            assertEquals("lost: * connection to 127.0.0.1:" + server.port() + " lost: server closed the connection",
                    display.next());
            assertTrue(session.isLost());
            assertTrue(session.submit("anyone?"), "sending into a lost connection is no crash");
            session.leave("");
            session.close();
            assertTrue(display.isQuiet());
        }
    }

    @Test
    void refusedConnectNamesTheServer() {
        ClientConfig config = new ClientConfig("127.0.0.1", FakeServer.refusedPort(), null);
        IOException e = assertThrows(IOException.class, () -> ChatSession.connect(config));
        assertEquals("* cannot connect to 127.0.0.1:" + config.port() + ": Connection refused",
                FailOver.cannotConnect(config.servers().getFirst(), e));
    }

    @Test
    void configRefusesWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig("", 2000, null));
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig("h", 0, null));
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig("h", 2000, "two words"));
        assertEquals("[::1]:2000", new ClientConfig("::1", 2000, null).server());
        assertTrue(new ClientConfig("h", 2000, null).historyFile().isAbsolute());
    }

    @Test
    void historyPrefersTheXdgStateDirectoryThenHome() {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("HOME", "/home/ala"));
        assertEquals(java.nio.file.Path.of("/home/ala/.linkchat_history"), ClientConfig.defaultHistory(env::get, "/root"),
                "$HOME, not the account's home");
        env.put("XDG_STATE_HOME", "/home/ala/.state");
        assertEquals(java.nio.file.Path.of("/home/ala/.state/linkchat/history"), ClientConfig.defaultHistory(env::get, "/root"));
        env.put("XDG_STATE_HOME", "relative/state");
        assertEquals(java.nio.file.Path.of("/home/ala/.linkchat_history"), ClientConfig.defaultHistory(env::get, "/root"),
                "a relative XDG_STATE_HOME is ignored, as the XDG rules say");
        assertEquals(java.nio.file.Path.of("/root/.linkchat_history"), ClientConfig.defaultHistory(k -> null, "/root"));
    }

    @Test
    void reconnectPausesDoubleFromUnderASecondUpToFiveSecondsLessAJitter() {
        assertEquals(java.time.Duration.ofMillis(500), FailOver.pauseAfter(0));
        assertEquals(java.time.Duration.ofSeconds(1), FailOver.pauseAfter(1));
        assertEquals(java.time.Duration.ofSeconds(4), FailOver.pauseAfter(3));
        assertEquals(java.time.Duration.ofSeconds(5), FailOver.MAX_PAUSE);
        assertEquals(FailOver.MAX_PAUSE, FailOver.pauseAfter(4));
        assertEquals(FailOver.MAX_PAUSE, FailOver.pauseAfter(1_000));
        assertEquals(java.time.Duration.ofSeconds(5), FailOver.jittered(FailOver.MAX_PAUSE, 0));
        assertEquals(java.time.Duration.ofMillis(2_500), FailOver.jittered(FailOver.MAX_PAUSE, 1));
        assertEquals(java.time.Duration.ofMillis(3_750), FailOver.jittered(FailOver.MAX_PAUSE, 0.5));
    }

    @Test
    void reconnectCommandDropsTheConnectionAndTakesTheNextServer() throws Exception {
        try (FakeServer first = FakeServer.start(FakeServer.welcome("ala"));
                FakeServer second = FakeServer.start();
                ChatSession session = ChatSession.connectReconnecting(new ClientConfig("127.0.0.1", first.port(), null, null,
                        true, java.util.List.of(new HostPort("127.0.0.1", second.port()))))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertEquals("nick: ala", display.next());
            assertEquals("show: " + FakeServer.welcome("ala"), display.next());
            assertTrue(session.submit("/RECONNECT "));
            assertEquals("/quit reconnecting", first.nextFrame(), "our old self leaves before our new self joins");
            assertEquals(FakeServer.CLOSED, first.nextFrame());
            assertEquals("lost: * connection to 127.0.0.1:" + first.port() + " lost: reconnect asked for; reconnecting",
                    display.next());
            assertEquals("show: * reconnected to 127.0.0.1:" + second.port(), display.next());
            assertEquals("/nick ala", second.nextFrame(), "the nick is asked for again");
        }
    }

    @Test
    void aSessionThatDoesNotReconnectSaysSo() throws Exception {
        try (FakeServer server = FakeServer.start();
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertTrue(session.submit("/reconnect"));
            assertEquals("show: * this session does not reconnect", display.next());
        }
    }

    @Test
    void serversParseAndComeInOrder() {
        assertEquals(new HostPort("::1", 2001), HostPort.parse("[::1]:2001", "--server"));
        assertEquals("[::1]:2001", HostPort.parse("[::1]:2001", "--server").toString());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("nohost", "--server"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:x", "--server"));
        ClientConfig config = new ClientConfig("a", 1, null, null, true, java.util.List.of(new HostPort("b", 2)));
        assertEquals(java.util.List.of(new HostPort("a", 1), new HostPort("b", 2)), config.servers());
    }

    @Test
    void plainSessionsDoNotReconnect() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: hi");
                ChatSession session = ChatSession.connect(server.config(null, null))) {
            RecordingDisplay display = new RecordingDisplay();
            session.start(display);
            assertEquals("nick: ala", display.next());
            display.next();
            display.next();
            server.dropClient();
            assertTrue(display.next().startsWith("lost: "));
            assertTrue(session.isLost());
        }
    }
}
