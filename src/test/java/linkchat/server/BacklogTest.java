package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

class BacklogTest {
    @Test
    void longLinesAreKeptWithinTheBytesWhateverTheLineCountAsks() {
        Backlog backlog = new Backlog(ServerConfig.MAX_BACKLOG);
        String line = "z".repeat(64_000);
        for (long seq = 1; seq <= ServerConfig.MAX_BACKLOG; seq++) {
            backlog.add(new Stamped("s1", 1, seq, 0, new Event.Said("ala", line)));
            assertTrue(backlog.bytes() <= Backlog.MAX_BYTES, "kept " + backlog.bytes());
        }
        assertTrue(backlog.bytes() > Backlog.MAX_BYTES / 2, "the newest lines that fit are kept");
    }
}
