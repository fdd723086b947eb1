package linkchat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void historyFileComesFromTheCommandLine() throws Exception {
        Options options = Options.parse(ClientCommand.OPTIONS, new String[] {"--history", "/tmp/chat/typed", "--nick", "ala"});
        assertEquals(Path.of("/tmp/chat/typed"), ClientCommand.config(options).historyFile());
        assertEquals("ala", ClientCommand.config(options).nick());
    }
}
