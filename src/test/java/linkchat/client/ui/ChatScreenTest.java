package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.client.ClientConfig;
import linkchat.client.FakeServer;
import linkchat.wire.HostPort;

/**
 * What the terminal shows, row by row, as a real one would: the client's output replayed
 * through JLine's VT100 emulator ({@link TerminalHarness#rows}).
 */
class ChatScreenTest {
    @TempDir
    Path dir;

    @Test
    void aSentLineShowsOnceAndPendingUntilTheServerEchoesIt() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            client.type("hello everyone\r");
            assertEquals("hello everyone", server.nextLine());
            List<String> rows = client.awaitRows(r -> count(r, "ala: hello everyone (sending)") == 1, "the line pending");
            assertEquals(0, count(rows, "ala> hello everyone"), "the typed line gives way: " + rows);

            server.send("ala: hello everyone");
            // The echo is drawn and the pending line taken away in one redraw, whose bytes may arrive apart.
            rows = client.awaitRows(r -> r.stream().anyMatch(row -> row.matches("\\d\\d:\\d\\d ala: hello everyone *"))
                    && count(r, "(sending)") == 0, "the echo in place of the pending line");
            assertEquals(1, count(rows, "hello everyone"), "shown once: " + String.join("\n", rows));
            assertTrue(lastPromptRow(rows).startsWith("ala> "), rows.toString());
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void aLinePendingWhenTheServerGoesStaysPendingGoesAgainToTheNextAndShowsOnce() throws Exception {
        try (FakeServer first = FakeServer.start(FakeServer.welcome("ala"));
                FakeServer second = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(new ClientConfig("127.0.0.1", first.port(), null,
                        dir.resolve("history"), true, List.of(new HostPort("127.0.0.1", second.port()))))) {
            client.await("ala> ");
            assertEquals("/who", first.nextFrame());
            client.type("hello everyone\r");
            String sent = first.nextFrame();
            Matcher line = FakeServer.LINE.matcher(sent);
            assertTrue(line.matches() && line.group(2).equals("hello everyone"), sent);
            client.awaitRows(r -> count(r, "ala: hello everyone (sending)") == 1, "the line pending");
            first.dropClient();
            client.await("* resent 1 line");
            assertEquals("/nick ala", second.nextFrame());
            assertEquals(sent, second.nextFrame(), "the same line with the same id");
            // The resend notice and the pending line are drawn in one redraw, whose bytes may arrive apart.
            client.awaitRows(r -> count(r, "ala: hello everyone (sending)") == 1 && count(r, "* resent 1 line") == 1,
                    "the line still pending under the resend notice");
            second.send("ala: hello everyone");
            second.send("* ack " + line.group(1));
            List<String> rows = client.awaitRows(r -> count(r, "(sending)") == 0
                    && r.stream().anyMatch(row -> row.matches("\\d\\d:\\d\\d ala: hello everyone *")), "the echo in its place");
            assertEquals(1, count(rows, "hello everyone"), "shown once: " + String.join("\n", rows));
            assertEquals(0, count(rows, "* ack"), "the ack is not shown");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void theOnlineCountIsExactFromTheFirstWhoAndUnknownWhileDisconnected() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            assertEquals("/who", server.nextFrame());
            awaitStatus(client, "| ? online");
            server.send("* 3 users online: ala (s1), bob (s2), cez (s2)");
            awaitStatus(client, "| 3 online");
            server.send("* dan joined");
            awaitStatus(client, "| 4 online");
            server.send("* bob left (bye)");
            server.send("* cez is now known as cy");
            server.send("cy: still here");
            client.await("cy: still here");
            awaitStatus(client, "| 3 online");
            server.send("* lost link to s2: 1 user unreachable");
            assertEquals("/who", server.nextFrame(), "a split changes who is reachable: the roster is asked for again");
            server.send("* 2 users online: ala (s1), dan (s1)");
            awaitStatus(client, "| 2 online");
            // In a crowd the servers stop announcing joins: the count is only about right.
            server.send("* linked to s3: 610 users reachable");
            assertEquals("/who", server.nextFrame());
            server.send("* 612 users online: ala (s1), dan (s1)");
            awaitStatus(client, "| ~612 online");
            assertFalse(TerminalHarness.inline(client.screen()).contains("users online"), "the quiet replies are not shown");
            server.dropClient();
            awaitStatus(client, "| ? online");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void theStatusLineFollowsResizesAndCtrlLRedrawsIt() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            awaitStatus(client, "| ala | connected |");
            client.resize(60, 15);
            awaitStatus(client, "| ala | connected |");
            server.send("bob: after the first resize");
            // The line, the prompt under it and the status are one redraw, whose bytes may arrive apart.
            List<String> rows = client.awaitRows(r -> count(r, "bob: after the first resize") == 1
                    && r.stream().anyMatch(row -> row.startsWith("ala> "))
                    && r.getLast().contains("| ala | connected |"), "the line, the prompt and the status");
            assertEquals(15, rows.size());

            client.resize(100, 15); // the width alone
            server.send("bob: after the second resize");
            rows = client.awaitRows(r -> count(r, "bob: after the second resize") == 1 && count(r, "| connected |") == 1
                    && r.getLast().contains("| ala | connected |"), "the line above the one status line");
            assertFalse(rows.getLast().contains("ala> "), "the prompt is not drawn over the status line");

            client.type("\f"); // Ctrl-L
            rows = client.awaitRows(r -> r.getFirst().startsWith("ala> ") && r.getLast().contains("| ala | connected |"),
                    "a clear screen with the prompt at the top and the status at the bottom");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void aLongLineWrapsAtWordsUnderItsText() throws Exception {
        String words = "lorem ipsum dolor sit amet ".repeat(4).strip();
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "bob: " + words);
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            // 80 columns: the first row ends with "ipsum" at column 76, as "dolor" would not fit.
            // Waits for the line's end too: rows are drawn as their bytes arrive.
            List<String> rows = client.awaitRows(r -> count(r, "bob: lorem") == 1
                    && r.stream().anyMatch(row -> row.stripTrailing().endsWith("lorem ipsum dolor sit amet")), "the whole line");
            int first = rows.indexOf(rows.stream().filter(r -> r.contains("bob: lorem")).findFirst().orElseThrow());
            assertTrue(rows.get(first).stripTrailing().endsWith("amet lorem ipsum"), "the first row ends at a word: " + rows);
            assertEquals(" ".repeat(11) + "dolor sit amet lorem ipsum dolor sit amet", rows.get(first + 1).stripTrailing(),
                    "the rest continues under the text");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
        }
    }

    @Test
    void leavingTakesTheStatusLineAway() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            awaitStatus(client, "| ala | connected |");
            client.type("/quit\r");
            assertEquals(0, client.exitStatus());
            List<String> rows = client.rows();
            assertEquals(0, count(rows, " online "), "no status line is left behind: " + rows);
        }
    }

    private static void awaitStatus(TerminalHarness client, String text) throws InterruptedException {
        client.awaitRows(r -> r.getLast().contains(text), "the status line with " + text);
    }

    private static long count(List<String> rows, String text) {
        return rows.stream().filter(r -> r.contains(text)).count();
    }

    private static String lastPromptRow(List<String> rows) {
        return rows.stream().filter(r -> r.startsWith("ala> ")).reduce((a, b) -> b).orElse("");
    }
}
