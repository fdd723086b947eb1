package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/**
 * Shutting a linked server down: its peers know at once, and nothing it opened is left open.
 * Isolated: the process's file descriptors are counted, and test classes run in parallel would
 * open their own meanwhile.
 */
@Isolated
class ShutdownOfLinksTest {
    @Test
    void aPeerMarksTheLinkDownAtOnceWithTheReason() {
        // A silence timeout of a minute: only being told could bring the notice in time.
        PeerConfig patient = Federated.dialling().withSilence(Duration.ofMinutes(1));
        try (TestServer s1 = TestServer.start("s1", patient);
                RawClient ala = s1.connect("ala")) {
            TestServer s2 = TestServer.start("s2", patient.withPeers(List.of(s1.address())));
            RawClient bob = s2.connect("bob");
            Federated.awaitUsers(ala, 2);
            s2.close();
            assertEquals("* lost link to s2: 1 user unreachable", ala.nextStartingWith("* lost link"));
            assertEquals("* server s2 is shutting down", bob.readToClose().getLast());
            s2.close();
        }
    }

    @Test
    void noSocketIsLeftOpenAfterLinkedServersShutDown() throws Exception {
        long before = openFiles();
        TestServer s1 = TestServer.start("s1", Federated.dialling());
        TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
        try (RawClient ala = s1.connect("ala"); RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            s2.close();
            s1.close();
            assertEquals(0, s1.server().connections());
            assertEquals(0, s2.server().connections());
            assertEquals(0, s1.server().hub().linkCount());
        }
        // Other tests' sockets may still be closing as this one runs: the count may only go down.
        long after = openFiles();
        assertTrue(after <= before, "file descriptors left open: " + before + " before, " + after + " after");
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
