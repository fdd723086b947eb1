package linkchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one directory, as two processes: the second refuses, and a holder killed outright leaves no stale lock. */
class DirectoryLockTest {
    @TempDir
    Path tmp;

    private Process holder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, "target/classes", "target/test-classes");
        Process p = new ProcessBuilder(java, "--enable-preview", "-cp", classPath, LockHolder.class.getName(), tmp.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine(), "the other process opened the log");
        return p;
    }

    @Test
    void aSecondProcessIsRefusedAndToldWhichHoldsTheLog() throws Exception {
        Process other = holder();
        try {
            StoreException e = assertThrows(StoreException.class, () -> Logs.open(Logs.config(tmp, 4096)));
            assertTrue(e.getMessage().contains("in use by another server (process " + other.pid() + ")"), e.getMessage());
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, other.exitValue());
        assertEquals(List.of(Logs.line(1)), Logs.events(Logs.read(Logs.config(tmp, 4096))));
    }

    @Test
    void aHolderKilledOutrightLeavesTheLogFreeAndWhole() throws Exception {
        Process other = holder();
        other.destroyForcibly();
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(Logs.line(1)), Logs.events(Logs.write(Logs.config(tmp, 4096), List.of(Logs.line(2)))),
                "what the killed process wrote survives it, unsynced as it may be");
        assertEquals(List.of(Logs.line(1), Logs.line(2)), Logs.events(Logs.read(Logs.config(tmp, 4096))));
    }
}
