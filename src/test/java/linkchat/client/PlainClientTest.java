package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static linkchat.client.AckingServer.Answer.ACK;
import static linkchat.client.AckingServer.Answer.DELIVER;
import static linkchat.client.AckingServer.Answer.DIE;
import static linkchat.client.AckingServer.Answer.ECHO;
import static linkchat.client.AckingServer.Answer.SILENT;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PlainClientTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ClientConfig config, InputStream in) {
        return PlainClient.run(config, in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pipedLinesAreSentAndTheEndOfInputQuits() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "eve: \u001b[2Jhi")) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                    () -> run(server.config("ala", null), input("hi\n/who\n\n/nick bob\n")));
            assertEquals("/nick ala", server.nextFrame());
            server.send("* ack " + idOf(server.nextFrame())); // the end of input waits for it
            assertEquals("/who", server.nextFrame());
            assertEquals("/nick bob", server.nextFrame());
            assertEquals("/quit", server.nextFrame());
            assertEquals(0, status.get(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(FakeServer.welcome("ala") + "\neve: hi\n* bye\n", out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void noBacklogLeavesOutTheServersLastLines() throws IOException {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "* history 2026-11-25T01:15:02Z bob: old",
                "* history 2026-11-25T01:15:03Z * bob waves", "eve: now")) {
            ClientConfig config = new ClientConfig("127.0.0.1", server.port(), null, null, false, java.util.List.of(), null,
                    true, false);
            assertEquals(0, run(config, input("")));
            assertEquals(FakeServer.welcome("ala") + "\neve: now\n* bye\n", out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    @Test
    void quitInTheInputEndsTheRun() throws IOException {
        try (FakeServer server = FakeServer.start()) {
            assertEquals(0, run(server.config(null, null), input("/quit done\nnever sent\n")));
            assertEquals("/quit done", server.nextFrame());
            assertEquals(FakeServer.CLOSED, server.nextFrame());
        }
    }

    @Test
    void endOfInputNeverHangsOnAServerThatDoesNotClose() throws Exception {
        try (FakeServer server = FakeServer.start(false)) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(server.config(null, null), input("hi\n")));
            server.send("* ack " + idOf(server.nextFrame()));
            long acked = System.nanoTime();
            assertEquals(0, status.get(ChatSession.QUIT_GRACE.plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - acked < ChatSession.QUIT_GRACE.plusSeconds(2).toNanos());
            assertEquals("/quit", server.nextFrame());
            assertEquals(FakeServer.CLOSED, server.nextFrame(), "the client closes when the server will not");
        }
    }

    @Test
    void serverGoingAwayExitsOneWithOneLine() throws Exception {
        try (FakeServer server = FakeServer.start();
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream in = new PipedInputStream(keyboard)) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(server.config(null, null), in));
            server.dropClient();
            assertEquals(1, status.get(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("* connection to 127.0.0.1:" + server.port() + " lost: server closed the connection\n",
                    err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    @Test
    void pipedInputWithTwoServersLosesNothingWhenTheFirstDiesMidStream() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        AckingServer.Answer[] firstScript = {ACK, ACK, ACK, ECHO, DELIVER, DIE};
        List<String> lines = IntStream.rangeClosed(1, 12).mapToObj(n -> "line " + n).toList();
        try (AckingServer first = new AckingServer("ala", federation, n -> firstScript[n - 1]);
                AckingServer second = new AckingServer("ala", federation, n -> ACK)) {
            int status = run(twoServers(first, second), input(String.join("\n", lines) + "\n"));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertEquals(lines, federation.texts(), "every line delivered once, in order");
            String shown = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            for (String line : lines) {
                assertEquals(1, shown.lines().filter(("ala: " + line)::equals).count(), line + " shown once in:\n" + shown);
            }
            assertTrue(shown.contains("* reconnected to " + second.address() + "\n"), shown);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("* connection to " + first.address() + " lost: "),
                    err.toString(StandardCharsets.UTF_8));
            assertEquals("/quit", lastFrame(second), "quits once every line was acked");
        }
    }

    @Test
    void pipedInputWithOneServerStillExitsOneWhenItDiesMidStream() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        try (AckingServer only = new AckingServer("ala", federation, n -> n == 1 ? ACK : DIE);
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream in = new PipedInputStream(keyboard)) {
            ClientConfig config = new ClientConfig("127.0.0.1", only.address().port(), null);
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(config, in));
            keyboard.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertEquals(1, status.get(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of("one"), federation.texts());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("* not confirmed before the connection was lost: two"),
                    out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void pipedInputWithTwoServersGivesUpWhenTheAcksNeverCome() throws Exception {
        AckingServer.Federation federation = new AckingServer.Federation();
        try (AckingServer first = new AckingServer("ala", federation, n -> n == 1 ? ACK : SILENT);
                AckingServer second = new AckingServer("ala", federation, n -> ACK)) {
            int status = PlainClient.run(twoServers(first, second), input("one\ntwo\n"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Duration.ofSeconds(1)); // well past line one's ack, even on a loaded machine
            assertEquals(1, status);
            assertEquals("* no line acknowledged within 1 s; giving up\n* not acknowledged: two\n",
                    err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    /** The id of a {@code /line ID hi}. */
    private static String idOf(String frame) {
        java.util.regex.Matcher m = FakeServer.LINE.matcher(frame);
        assertTrue(m.matches() && m.group(2).equals("hi"), frame);
        return m.group(1);
    }

    private static ClientConfig twoServers(AckingServer first, AckingServer second) {
        return new ClientConfig("127.0.0.1", first.address().port(), null, null, false, List.of(second.address()));
    }

    /** The last frame before the client closed. */
    private static String lastFrame(AckingServer server) throws InterruptedException {
        String last = null;
        for (String frame = server.nextFrame(); !frame.equals(FakeServer.CLOSED); frame = server.nextFrame()) {
            last = frame;
        }
        return last;
    }

    @Test
    void refusedConnectExitsOneWithOneLine() {
        int port = FakeServer.refusedPort();
        assertEquals(1, run(new ClientConfig("127.0.0.1", port, null), input("hi\n")));
        assertEquals("* cannot connect to 127.0.0.1:" + port + ": Connection refused\n",
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
