package linkchat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import linkchat.client.FakeServer;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dashHIsHelpForEveryCommand() {
        for (String command : new String[] {"client", "server", "bench"}) {
            out.reset();
            assertEquals(0, run(command, "-h"), command);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: linkchat " + command + " [OPTIONS]"), out.toString());
        }
        out.reset();
        assertEquals(0, run("-h"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--help, -h"));
    }

    @Test
    void aNickTheServersWouldRefuseIsRefusedBeforeConnecting() {
        // Nothing listens there: a client that tried to connect would say so and exit 1.
        String port = Integer.toString(FakeServer.refusedPort());
        for (String nick : new String[] {"*star", "/slash", "x".repeat(33), "a:b"}) {
            err.reset();
            assertEquals(Main.USAGE_ERROR, run("client", "--port", port, "--nick", nick), nick);
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.startsWith("linkchat client: bad --nick '" + nick + "': a nick is 1 to 32 characters"), said);
        }
    }

    @Test
    void historyFileComesFromTheCommandLine() throws Exception {
        Options options = Options.parse(ClientCommand.OPTIONS, new String[] {"--history", "/tmp/chat/typed", "--nick", "ala"});
        assertEquals(Path.of("/tmp/chat/typed"), ClientCommand.config(options).historyFile());
        assertEquals("ala", ClientCommand.config(options).nick());
    }
}
