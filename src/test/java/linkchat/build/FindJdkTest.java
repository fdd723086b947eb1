package linkchat.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jlink/find-jdk, run as the Makefile runs it: only stdout names the JDK, stderr explains. */
class FindJdkTest {
    /** A find-jdk run: its exit status and both streams. */
    private record Run(int status, String out, String err) {}

    @Test
    void anOldJavaHomeIsPassedOverOutLoud(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), "17.0.2");
        Run run = findJdk(old);
        assertTrue(run.err().contains("JAVA_HOME=" + old) && run.err().contains("17"),
                "stderr says why JAVA_HOME was not used: " + run.err());
        assertNotEquals(old.toString(), run.out().strip(), "the old JDK is never chosen");
        assertFalse(run.out().contains("JAVA_HOME"), "stdout holds only a path, or nothing: " + run.out());
    }

    @Test
    void aJavaHomeThatIsNoJdkIsPassedOverOutLoud(@TempDir Path dir) throws Exception {
        Run run = findJdk(dir);
        assertTrue(run.err().contains("JAVA_HOME=" + dir + " is not a JDK"), run.err());
    }

    /** A directory that looks like a JDK of {@code version} to find-jdk, whose tools do nothing. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        for (String tool : new String[] {"java", "javac", "jlink"}) {
            Path p = Files.writeString(home.resolve("bin").resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private static Run findJdk(Path javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "jlink/find-jdk");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "find-jdk finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
