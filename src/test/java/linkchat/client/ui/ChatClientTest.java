package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.client.ClientConfig;
import linkchat.client.CommandTable;
import linkchat.client.FakeServer;
import linkchat.server.ServerConfig;
import linkchat.testing.TestServer;
import linkchat.wire.HostPort;

class ChatClientTest {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    Path dir;

    @Test
    void aWholeConversation() throws Exception {
        Path history = dir.resolve("history");
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, history))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame(), "the roster is asked for quietly");
            client.type("hi\r");
            assertEquals("hi", server.nextLine());
            client.type("/who\r");
            assertEquals("/who", server.nextFrame());

            client.type("/nick bob\r");
            assertEquals("/nick bob", server.nextFrame());
            server.send("* you are now known as bob");
            client.await("* you are now known as bob");
            client.await("bob> ");

            server.send("eve: \u001b[2Jhello\u001b]0;pwned\u0007");
            client.await("eve: hello");
            assertFalse(client.screen().contains("\u001b[2J"), "the server's escape sequence reached the terminal");
            assertFalse(client.screen().contains("pwned"));

            client.type("it's a \\path !!");
            client.await("!!");
            client.type("\r");
            assertEquals("it's a \\path !!", server.nextLine(), "chat text is not shell input");

            client.type("/quit bye\r");
            assertEquals("/quit bye", server.nextFrame());
            assertEquals(0, client.exitStatus());
            String saved = Files.readString(history, StandardCharsets.UTF_8);
            assertTrue(saved.contains("/nick bob"), saved);
        }
    }

    @Test
    void helpIsAnsweredByTheClientFromTheCommandTable() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            client.type("/help\r");
            for (String line : CommandTable.helpLines()) {
                client.await(line);
            }
            client.type("after\r");
            assertEquals("after", server.nextLine(), "/help never reached the server");
            String shown = TerminalHarness.uncoloured(client.screen());
            assertTrue(shown.contains(" | connecting | ? online "), "the status line: " + shown);
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void tabCompletesCommandsAndTheNicksOfTheQuietWhoReply() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            server.send("* 3 users online: ala (s1), bob (s2), Carla (s2)");
            server.send("* dave joined");
            server.send("eve: marker");
            client.await("eve: marker");
            assertFalse(client.screen().contains("users online"), "the automatic /who reply is not shown");

            client.type("/ni\t");
            client.await("/nick ");
            client.type("newname\r");
            assertEquals("/nick newname", server.nextFrame());
            client.type("hi b\t");
            client.await("hi bob ");
            client.type("and car\t");
            client.await("Carla ");
            client.type("and da\t\r");
            assertEquals("hi bob and Carla and dave ", server.nextLine());
            client.type("car\t");
            client.await("Carla: ");
            client.type("over to you\r");
            assertEquals("Carla: over to you", server.nextLine(), "a nick alone at the start addresses them");

            client.type("/who\r");
            assertEquals("/who", server.nextFrame());
            server.send("* 2 users online: ala (s1), bob (s2)");
            client.await("* 2 users online");
            client.await("NICK  SERVER");
            client.await("ala   s1");
            client.await("bob   s2");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void privateLinesHaveAColourOfTheirOwnAndTabAfterMsgAnswersTheLastWriter() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "[msg] bob -> ala: psst", "bob: marker");
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("bob: marker");
            assertTrue(client.screen().contains("\u001b[35m[msg] bob -> ala: psst"),
                    "magenta, the marker kept: " + TerminalHarness.printable(client.screen()));
            assertEquals("/who", server.nextFrame());
            client.type("/msg \t");
            client.await("/msg bob ");
            client.type("back at you\r");
            assertEquals("/msg bob back at you", server.nextLine());
            client.type("/reply and again\r");
            assertEquals("/msg bob and again", server.nextLine());
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void withoutColourAPrivateLineIsMarkedByItsOwnPrefix() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "[msg] ala -> bob: hi", "bob: marker");
                TerminalHarness client = new TerminalHarness(
                        new ClientConfig("127.0.0.1", server.port(), null, dir.resolve("history"), false))) {
            client.awaitMatch("\\d\\d:\\d\\d \\[msg\\] ala -> bob: hi");
            client.await("bob: marker");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void linesAreStampedAndHistoryIsMarked() throws Exception {
        String said = "* history 2026-11-25T01:15:02Z bob: from before";
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), said, "bob: now");
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            java.time.ZonedDateTime at = Instant.parse("2026-11-25T01:15:02Z").atZone(ZoneId.systemDefault());
            String day = at.toLocalDate().equals(java.time.LocalDate.now()) ? "" : at.toLocalDate() + " ";
            client.await(day + HH_MM.format(at) + " [history] bob: from before");
            client.awaitMatch("\\d\\d:\\d\\d bob: now");
            assertTrue(client.screen().contains("\u001b["), "colour is on by default");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void noColourMeansNoStyleEscapes() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "* bob joined", "bob: hi", "ala: mine");
                TerminalHarness client = new TerminalHarness(
                        new ClientConfig("127.0.0.1", server.port(), null, dir.resolve("history"), false))) {
            client.await("ala: mine");
            String screen = client.screen();
            Set<String> styles = TerminalHarness.styles(screen);
            styles.removeAll(Set.of("<ESC>[0m", "<ESC>[7m", "<ESC>[27m")); // the status line is inverse
            assertEquals(Set.of(), styles, TerminalHarness.printable(screen));
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void aLineNamingUsIsHighlightedAndRingsTheBellOnce() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: nothing for alan", "bob: hey ALA, look",
                "ala: my own ala", "* history 2026-11-25T01:15:02Z bob: old news for ala", "bob: marker");
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("bob: marker");
            String screen = client.screen();
            assertEquals(1, screen.chars().filter(c -> c == '\u0007').count(), "one bell, for the one live line by another");
            assertTrue(screen.indexOf('\u0007') > screen.indexOf("look"), "the bell follows its line");
            assertTrue(java.util.regex.Pattern.compile("\u001b\\[[0-9;]*43[0-9;]*mALA").matcher(screen).find(),
                    "the nick is highlighted: " + TerminalHarness.printable(screen));
            assertFalse(TerminalHarness.uncoloured(screen).contains("[!]"), "colour, not the marker");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void anActionNamingUsIsAMentionToo() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: * waves at alan",
                "bob: * pokes Ala with a stick", "ala: * names ala herself", "bob: marker");
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("bob: marker");
            String screen = client.screen();
            assertEquals(1, screen.chars().filter(c -> c == '\u0007').count(), "one bell, for bob's poke alone");
            assertTrue(java.util.regex.Pattern.compile("\u001b\\[[0-9;]*43[0-9;]*mAla").matcher(screen).find(),
                    "the nick is highlighted in the action: " + TerminalHarness.printable(screen));
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: * pokes ala", "bob: marker");
                TerminalHarness client = new TerminalHarness(new ClientConfig("127.0.0.1", server.port(), null,
                        dir.resolve("history"), false, List.of(), null, false, true))) {
            client.awaitMatch("\\d\\d:\\d\\d \\[!\\] \\* bob pokes ala");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void withoutColourAMentionIsMarkedAndNoBellMeansNone() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: @ala look", "bob: marker");
                TerminalHarness client = new TerminalHarness(new ClientConfig("127.0.0.1", server.port(), null,
                        dir.resolve("history"), false, List.of(), null, false, true))) {
            client.awaitMatch("\\d\\d:\\d\\d \\[!\\] bob: @ala look");
            client.await("bob: marker");
            assertEquals(-1, client.screen().indexOf('\u0007'), "--no-bell");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void historySurvivesARestartAndCtrlRSearchesIt() throws Exception {
        Path history = dir.resolve("history");
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, history))) {
            client.await("ala> ");
            client.type("the secret plan\r");
            client.type("something else\r");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, history))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            client.type("\u0012secret");
            client.await("the secret plan");
            client.type("\r\r");
            assertEquals("the secret plan", server.nextLine());
            client.type("\u001bOA\r");
            assertEquals("the secret plan", server.nextLine(), "up recalls the line just sent");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void aPasteOfManyLinesIsSentOnlyIfTheUserAgrees() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            client.type("\u001b[200~one\ntwo\u001b[201~\r");
            assertEquals("one", server.nextLine(), "a short paste goes without asking");
            assertEquals("two", server.nextLine());
            client.type("\u001b[200~a\nb\nc\nd\u001b[201~\r");
            client.await("send 4 lines? [y/N]");
            client.type("n\r");
            client.await("* not sent");
            client.type("\u001b[200~a\nb\nc\nd\u001b[201~\r");
            client.await("send 4 lines? [y/N]");
            client.type("y\r");
            for (String line : new String[] {"a", "b", "c", "d"}) {
                assertEquals(line, server.nextLine());
            }
            client.type("/quit\r");
            assertEquals("/quit", server.nextFrame());
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void ctrlCDropsTheLineBeingTyped() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            client.type("abandoned");
            client.await("abandoned");
            client.type("\u0003");
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            client.type("kept\r");
            assertEquals("kept", server.nextLine());
            client.type("/quit\r");
            assertEquals("/quit", server.nextFrame());
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void ctrlDLeavesLikeQuit() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config("ala", dir.resolve("history")))) {
            assertEquals("/nick ala", server.nextFrame());
            assertEquals("/who", server.nextFrame());
            client.await("ala> ");
            client.type("\u0004");
            assertEquals("/quit", server.nextFrame());
            assertEquals(0, client.exitStatus());
            client.await("* bye");
        }
    }

    @Test
    void serverGoingAwayPrintsOneLineKeepsTheInputAndQuitLeavesAtOnce() throws Exception {
        FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
        try (TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            client.type("half a thought");
            client.await("half a thought");
            assertEquals("/who", server.nextFrame());
            server.close(); // the listener too: every reconnect is refused
            // Stamped like every line, and wrapped at 80 columns under its text.
            String lost = "\\d\\d:\\d\\d \\* connection to 127\\.0\\.0\\.1:" + server.port()
                    + " lost: server closed the connection;\\s+reconnecting";
            client.awaitMatch(lost);
            client.await("half a thought"); // the prompt and the input are redrawn below the line
            client.awaitAnywhere("reconnecting in"); // on the status line
            client.type("\r");
            client.await("ala: half a thought (sending)"); // held for the next server
            client.type("/who\r");
            client.await("* not connected; not sent");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus(), "/quit leaves at once, connected or not");
            client.await("* not confirmed before leaving: half a thought");
            String screen = TerminalHarness.uncoloured(client.screen());
            assertEquals(1, java.util.regex.Pattern.compile(lost).matcher(screen).results().count(), "exactly one loss line");
        }
    }

    @Test
    void aLostServerFailsOverRestoresTheNickAndSkipsSeenHistory() throws Exception {
        try (FakeServer first = FakeServer.start(FakeServer.welcome("guest-1"), "* you are now known as ala", "bob: seen");
                FakeServer second = FakeServer.start(FakeServer.welcome("guest-7"),
                        "* history 2026-11-25T01:15:02Z bob: seen", "* history 2026-11-25T01:15:03Z bob: missed");
                TerminalHarness client = new TerminalHarness(new ClientConfig("127.0.0.1", first.port(), null,
                        dir.resolve("history"), true, List.of(new HostPort("127.0.0.1", second.port()))))) {
            client.await("bob: seen");
            client.await("ala> ");
            assertEquals("/who", first.nextFrame());
            first.dropClient();
            client.awaitMatch("lost: server closed the connection;\\s+reconnecting");
            client.await("* reconnected to 127.0.0.1:" + second.port());
            assertEquals("/nick ala", second.nextFrame(), "the nick is asked for again");
            assertEquals("/who", second.nextFrame());
            // The backlog and the "reconnected" line race each other onto the screen: either order is right.
            client.awaitAnywhere("[history] bob: missed");
            assertFalse(TerminalHarness.uncoloured(client.screen()).contains("[history] bob: seen"),
                    "a line already shown is not repeated");
            client.type("/quit\r");
            assertEquals("/quit", second.nextFrame());
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void withEveryServerDownItNamesThemAllAndKeepsTryingUntilOneAnswers() throws Exception {
        int first = FakeServer.refusedPort();
        int second = FakeServer.refusedPort();
        ClientConfig config = new ClientConfig("127.0.0.1", first, "ala", dir.resolve("h"), false,
                List.of(new HostPort("127.0.0.1", second)));
        try (TerminalHarness client = new TerminalHarness(config)) {
            client.await("* cannot connect to 127.0.0.1:" + first + ", 127.0.0.1:" + second
                    + ": Connection refused; trying until one does");
            assertTrue(client.screen().matches("(?s).*\\d\\d:\\d\\d \\* cannot connect.*"), "the line is stamped");
            try (TestServer server = TestServer.start(ServerConfig.loopback("s2").withPort(second))) {
                client.await("* welcome to s2, you are ala");
                client.type("/quit\r");
                assertEquals(0, client.exitStatus());
            }
        }
    }
}
