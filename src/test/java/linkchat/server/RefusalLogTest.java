package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RefusalLogTest {
    @Test
    void aFewRefusalsAMinuteAreWarningsTheRestDebugAndTheNextWarningCountsThem() {
        AtomicLong now = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog((level, line) -> lines.add(level + " " + line), now::get);
        for (int i = 0; i < 300; i++) {
            log.refused("r" + i);
        }
        assertEquals(RefusalLog.WARNINGS_PER_WINDOW, lines.stream().filter(l -> l.startsWith(Level.WARNING.name())).count());
        assertEquals("DEBUG r299", lines.getLast());
        now.addAndGet(RefusalLog.WINDOW_NANOS);
        log.refused("next");
        assertEquals("WARNING next (and " + (300 - RefusalLog.WARNINGS_PER_WINDOW) + " more refused since, logged at DEBUG)", lines.getLast());
        log.refused("after");
        assertEquals("WARNING after", lines.getLast());
    }
}
