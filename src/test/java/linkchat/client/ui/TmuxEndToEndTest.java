package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.ServerConfig;
import linkchat.testing.Launcher;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/**
 * The client in a real terminal: tmux runs the image's client (or, without an image, the
 * compiled classes) against a real server; the test types with {@code send-keys} and reads with
 * {@code capture-pane}, polling with a deadline.
 */
class TmuxEndToEndTest {
    /** Generous: on a loaded machine a JVM may take seconds to start; a passing test never waits it out. */
    private static final long DEADLINE_SECONDS = 30;
    private static final String SESSION = "linkchat-e2e-" + ProcessHandle.current().pid();
    private static final String EXITED = "client-exited";
    private static final AtomicInteger TESTS = new AtomicInteger();

    /**
     * A tmux server of this test's own: one whose last session was just killed exits a moment
     * later, and a session started on it meanwhile fails with "server exited unexpectedly".
     */
    private final String socket = SESSION + "-" + TESTS.incrementAndGet();

    @TempDir
    Path home;

    @Test
    void linesArriveAboveAHalfTypedLineNickQuitAndReconnectWork() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        TestServer server = TestServer.start("s1");
        int port = server.port();
        try {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", clientCommand(port));
            try (RawClient bob = server.connect("bob")) {
                awaitPane(p -> p.contains("ada>"), "the prompt");
                keys("-l", "half typed");
                awaitPane(p -> p.contains("ada> half typed"), "the typed text");
                bob.send("hello from bob");
                awaitPane(p -> p.contains("bob: hello from bob") && lastPromptLine(p).equals("ada> half typed"),
                        "bob's line above the intact input");
                keys("Enter");
                assertEquals("ada: half typed", bob.nextStartingWith("ada: "));
                awaitPane(p -> p.contains("ada: half typed") && !p.contains("(sending)"), "the echo");
                String pane = tmux("capture-pane", "-p", "-t", SESSION);
                assertEquals(1, pane.lines().filter(l -> l.contains("half typed")).count(),
                        "the echo takes the typed line's place:\n" + pane);
                keys("-l", "/nick ada2");
                keys("Enter");
                awaitPane(p -> p.contains("ada2>"), "the new nick in the prompt");
            }
            server.close();
            awaitPane(p -> p.contains("lost: ") && p.contains("reconnecting"), "one line about the loss");
            keys("-l", "kept");
            server = TestServer.start(ServerConfig.loopback("s1").withPort(port));
            awaitPane(p -> p.contains("* reconnected to 127.0.0.1:" + port) && p.contains("you are ada2;")
                    && lastPromptLine(p).equals("ada2> kept"), "the reconnect, the nick and the input kept");
            try (RawClient carl = server.connect("carl")) {
                keys("C-u");
                keys("-l", "/quit");
                keys("Enter");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
                while (tmuxStatus("has-session", "-t", SESSION) == 0) {
                    assertTrue(System.nanoTime() < deadline, "the client did not leave after /quit");
                    Thread.sleep(20); // polling an outside process: there is nothing to wait on
                }
                carl.nextStartingWith("* ada2 left");
            }
        } finally {
            tmuxStatus("kill-session", "-t", SESSION);
            server.close();
        }
    }

    @Test
    void twoClientsWritePrivatelyAndOneReplies() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        String bea = SESSION + "-bea";
        try (TestServer server = TestServer.start("s1"); RawClient carl = server.connect("carl")) {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", clientCommand(server.port()));
            tmux("new-session", "-d", "-s", bea, "-x", "100", "-y", "30", clientCommand(server.port(), "bea"));
            try {
                awaitPane(SESSION, p -> p.contains("| ada | connected |"), "ada's status line");
                awaitPane(bea, p -> p.contains("| bea | connected |") && p.contains("* bea joined"), "bea's status line");
                String joins = tmux("capture-pane", "-p", "-t", bea);
                assertTrue(joins.lines().noneMatch(l -> l.contains("guest-")), "joined under the nick at once:\n" + joins);
                keysTo(SESSION, "-l", "/msg bea are you there?");
                keysTo(SESSION, "Enter");
                awaitPane(bea, p -> p.contains("[msg] ada -> bea: are you there?"), "ada's private line at bea's");
                String coloured = tmux("capture-pane", "-p", "-e", "-t", bea);
                assertTrue(coloured.contains("\u001b[35m[msg] ada -> bea"), "in a colour of its own:\n" + coloured);
                keysTo(bea, "-l", "/msg ");
                keysTo(bea, "Tab");
                awaitPane(bea, p -> lastPromptLine(p).equals("bea> /msg ada"), "Tab naming who last wrote");
                keysTo(bea, "C-u");
                keysTo(bea, "-l", "/reply yes, here");
                keysTo(bea, "Enter");
                awaitPane(SESSION, p -> p.contains("[msg] bea -> ada: yes, here"), "bea's reply at ada's");
                awaitPane(bea, p -> p.contains("[msg] bea -> ada: yes, here"), "bea's own copy");
                carl.send("/who");
                List<String> seen = carl.readUntil(p -> p.matches("\\* \\d+ users online.*"));
                assertTrue(seen.stream().noneMatch(p -> p.startsWith("[msg]")), "a third client saw: " + seen);
            } finally {
                tmuxStatus("kill-session", "-t", bea);
                tmuxStatus("kill-session", "-t", SESSION);
            }
        }
    }

    @Test
    void keysTypedAtTheFirstPromptReachTheLineEditor() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        try (TestServer server = TestServer.start("s1"); RawClient bob = server.connect("bob")) {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", clientCommand(server.port()));
            try {
                // The prompt is drawn before the line editor loads; typing may start at once.
                awaitPane(p -> p.lines().findFirst().orElse("").strip().equals(">") || p.contains("| connected |"),
                        "the first prompt");
                keys("-l", "early bird");
                awaitPane(p -> p.contains("| connected |") && lastPromptLine(p).equals("ada> early bird"),
                        "the line editor holding what was typed");
                keys("Enter");
                assertEquals("ada: early bird", bob.nextStartingWith("ada: "));
            } finally {
                tmuxStatus("kill-session", "-t", SESSION);
            }
        }
    }

    @Test
    void theStatusLineFollowsResizesAndCtrlDLeavesNoneBehind() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        try (TestServer server = TestServer.start("s1"); RawClient bob = server.connect("bob")) {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", thenShell(clientCommand(server.port())));
            try {
                awaitPane(p -> lastRow(p).contains("| ada | connected |"), "the status line");
                tmux("resize-window", "-t", SESSION, "-x", "60", "-y", "15");
                awaitPane(p -> p.lines().count() == 15 && lastRow(p).contains("| ada | connected |"),
                        "the status line back at once on the last of 15 rows");
                bob.send("after the first resize");
                awaitPane(p -> p.lines().count() == 15 && p.contains("bob: after the first resize")
                        && lastRow(p).contains("| ada | connected |"), "the status line on the last of 15 rows");
                tmux("resize-window", "-t", SESSION, "-x", "100", "-y", "15"); // the width alone
                awaitPane(p -> lastRow(p).contains("| ada | connected |"), "the status line after the new width");
                bob.send("after the second resize");
                awaitPane(p -> p.contains("bob: after the second resize") && lastRow(p).contains("| ada | connected |")
                        && !lastRow(p).contains("ada>") && p.lines().filter(l -> l.contains("| connected |")).count() == 1,
                        "one status line, below the prompt");
                keys("C-l");
                awaitPane(p -> p.lines().findFirst().orElse("").startsWith("ada>") && lastRow(p).contains("| ada | connected |"),
                        "a cleared screen with the prompt and the status line");
                keys("C-d");
                awaitPane(p -> p.contains(EXITED) && !p.contains("| connected |"), "the shell, without a stale status line");
            } finally {
                tmuxStatus("kill-session", "-t", SESSION);
            }
        }
    }

    @Test
    void aClientEndedBySigtermLeavesNoStatusLine() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        try (TestServer server = TestServer.start("s1")) {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", thenShell(clientCommand(server.port())));
            try {
                awaitPane(p -> lastRow(p).contains("| ada | connected |"), "the status line");
                long shell = Long.parseLong(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip());
                ProcessHandle client = ProcessHandle.of(shell).orElseThrow().children().findFirst().orElseThrow();
                assertTrue(client.destroy(), "SIGTERM to the client");
                awaitPane(p -> p.contains(EXITED) && !p.contains("| connected |"), "the shell, without a stale status line");
            } finally {
                tmuxStatus("kill-session", "-t", SESSION);
            }
        }
    }

    /**
     * Issue 14, item 7: an emoji with a skin tone, a flag and a ZWJ sequence are each one unit
     * to edit. With code points as units Ctrl-U left {@code ab} of {@code ab👍🏽cd} on the screen,
     * and Left stopped inside a cluster, so that X went somewhere other than where it was shown.
     * The text goes in as bytes, whatever the locale this test runs in.
     */
    @Test
    void graphemeClustersAreOneUnitToEditAndCtrlULeavesNothing() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed: the real-terminal test is skipped");
        try (TestServer server = TestServer.start("s1"); RawClient bob = server.connect("bob")) {
            tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30",
                    "env LC_ALL=C.UTF-8 " + clientCommand(server.port()));
            try {
                awaitPane(p -> lastRow(p).contains("| ada | connected |"), "the status line");
                String thumb = "\uD83D\uDC4D\uD83C\uDFFD"; // thumbs up, medium skin tone
                typeBytes("ab" + thumb + "cd");
                awaitPane(p -> lastPromptLine(p).equals("ada> ab" + thumb + "cd"), "the emoji with its skin tone");
                keys("C-u");
                awaitPane(p -> lastPromptLine(p).equals("ada>"), "an empty line after Ctrl-U, nothing left of it");
                // tmux 3.3 draws the skin tone as a glyph of its own, four columns for the pair where
                // the editor counts two: the cursor is only checked after the clusters tmux joins.
                for (String cluster : List.of(thumb, "\uD83C\uDDEB\uD83C\uDDF7", "\uD83D\uDC69\u200D\uD83D\uDD2C")) {
                    typeBytes("ab" + cluster + "cd");
                    keys("Left", "Left", "Left", "X");
                    awaitPane(p -> lastPromptLine(p).equals("ada> abX" + cluster + "cd"), "X in front of " + cluster);
                    if (!cluster.equals(thumb)) {
                        awaitCursorColumn("ada> abX".length(), "the cursor just after the X");
                    }
                    keys("Enter");
                    assertEquals("ada: abX" + cluster + "cd", bob.nextStartingWith("ada: "), "what was shown is sent");
                }
            } finally {
                tmuxStatus("kill-session", "-t", SESSION);
            }
        }
    }

    /** Types {@code text} as its UTF-8 bytes: tmux's arguments would pass through this JVM's locale. */
    private void typeBytes(String text) throws Exception {
        List<String> hex = new ArrayList<>(List.of("-H"));
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hex.add(String.format("%02x", b & 0xff));
        }
        keys(hex.toArray(String[]::new));
    }

    private void awaitCursorColumn(int column, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        String at = "";
        while (System.nanoTime() < deadline) {
            at = tmux("display-message", "-p", "-t", SESSION, "#{cursor_x}").strip();
            if (at.equals(Integer.toString(column))) {
                return;
            }
            Thread.sleep(20); // polling an outside process: there is nothing to wait on
        }
        throw new AssertionError("never " + what + " (column " + column + "); it is at column " + at);
    }

    /** {@code command}, then a line saying it ended, then a pause that keeps the pane (and what is left on it) open. */
    private static String thenShell(String command) {
        return command + "; echo " + EXITED + "; exec sleep " + DEADLINE_SECONDS * 2;
    }

    /** The pane's last row: where the status line belongs. */
    private static String lastRow(String pane) {
        List<String> rows = pane.lines().toList();
        return rows.isEmpty() ? "" : rows.getLast();
    }

    /** The client of the image or of this run's classes, as {@link Launcher} starts it, as ada. */
    private String clientCommand(int port) {
        return clientCommand(port, "ada");
    }

    /** The client's command line, as {@link #clientCommand(int)}, under {@code nick}. */
    private String clientCommand(int port, String nick) {
        return "env HOME=" + home + " "
                + String.join(" ", Launcher.command("client", "--port", Integer.toString(port), "--nick", nick));
    }

    /** The last line that holds a prompt, trimmed. */
    private static String lastPromptLine(String pane) {
        List<String> prompts = pane.lines().filter(l -> l.matches("\\S+> .*|\\S+>")).toList();
        return prompts.isEmpty() ? "" : prompts.getLast().strip();
    }

    private void awaitPane(Predicate<String> wanted, String what) throws Exception {
        awaitPane(SESSION, wanted, what);
    }

    private void awaitPane(String session, Predicate<String> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        String pane = "";
        while (System.nanoTime() < deadline) {
            pane = tmux("capture-pane", "-p", "-t", session);
            if (wanted.test(pane)) {
                return;
            }
            Thread.sleep(20); // polling an outside process: there is nothing to wait on
        }
        throw new AssertionError("the terminal never showed " + what + "; it shows:\n" + pane);
    }

    private void keys(String... keys) throws Exception {
        keysTo(SESSION, keys);
    }

    private void keysTo(String session, String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private boolean tmuxAvailable() {
        try {
            return tmuxStatus("-V") == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private int tmuxStatus(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        p.getInputStream().readAllBytes();
        return p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private Process start(String... args) throws IOException {
        // -u: capture-pane writes UTF-8 whatever this JVM's locale.
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
