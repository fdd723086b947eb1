package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    void pipedLinesAreSentAndTheEndOfInputQuits() throws IOException {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"), "eve: \u001b[2Jhi")) {
            int status = run(server.config("ala", null), input("hi\n/who\n\n/nick bob\n"));
            assertEquals(0, status);
            assertEquals("/nick ala", server.nextFrame());
            assertEquals("hi", server.nextFrame());
            assertEquals("/who", server.nextFrame());
            assertEquals("/nick bob", server.nextFrame());
            assertEquals("/quit", server.nextFrame());
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
    void endOfInputNeverHangsOnASilentServer() throws IOException {
        try (FakeServer server = FakeServer.start(false)) {
            int status = assertTimeoutPreemptively(ChatSession.QUIT_GRACE.plusSeconds(2),
                    () -> run(server.config(null, null), input("hi\n")));
            assertEquals(0, status);
            assertEquals("hi", server.nextFrame());
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
    void refusedConnectExitsOneWithOneLine() {
        int port = FakeServer.refusedPort();
        assertEquals(1, run(new ClientConfig("127.0.0.1", port, null), input("hi\n")));
        assertEquals("* cannot connect to 127.0.0.1:" + port + ": Connection refused\n",
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
