package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.client.ClientConfig;
import linkchat.client.FakeServer;

class ChatClientTest {
    @TempDir
    Path dir;

    @Test
    void aWholeConversation() throws Exception {
        Path history = dir.resolve("history");
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, history))) {
            client.await("ala> ");
            client.type("hi\r");
            assertEquals("hi", server.nextFrame());
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
            assertEquals("it's a \\path !!", server.nextFrame(), "chat text is not shell input");

            client.type("/quit bye\r");
            assertEquals("/quit bye", server.nextFrame());
            assertEquals(0, client.exitStatus());
            String saved = Files.readString(history, StandardCharsets.UTF_8);
            assertTrue(saved.contains("/nick bob"), saved);
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
            client.type("kept\r");
            assertEquals("kept", server.nextFrame());
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
            client.await("ala> ");
            client.type("\u0004");
            assertEquals("/quit", server.nextFrame());
            assertEquals(0, client.exitStatus());
            client.await("* bye");
        }
    }

    @Test
    void serverGoingAwayPrintsOneLineAndExitsOne() throws Exception {
        try (FakeServer server = FakeServer.start(FakeServer.welcome("ala"));
                TerminalHarness client = new TerminalHarness(server.config(null, dir.resolve("history")))) {
            client.await("ala> ");
            client.type("half a thought");
            client.await("half a thought");
            server.dropClient();
            assertEquals(1, client.exitStatus());
            String lost = "* connection to 127.0.0.1:" + server.port() + " lost: server closed the connection";
            String screen = client.screen();
            assertEquals(screen.indexOf(lost), screen.lastIndexOf(lost), "exactly one loss line");
            assertTrue(screen.contains(lost), TerminalHarness.printable(screen));
            assertEquals(FakeServer.CLOSED, server.nextFrame(), "the half-typed line is not sent");
        }
    }

    @Test
    void refusedConnectPrintsOneLineAndExitsOne() throws Exception {
        int port = FakeServer.refusedPort();
        try (TerminalHarness client = new TerminalHarness(new ClientConfig("127.0.0.1", port, null, dir.resolve("h")))) {
            assertEquals(1, client.exitStatus());
            client.await("* cannot connect to 127.0.0.1:" + port + ": Connection refused");
        }
    }
}
