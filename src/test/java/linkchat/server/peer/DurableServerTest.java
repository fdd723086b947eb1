package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** A server with a data directory comes back from a stop with its history, its stream and its peers' positions. */
class DurableServerTest {
    @TempDir
    Path dir;

    private ServerConfig durable(String name, int port) {
        return ServerConfig.loopback(name).withPort(port).withDataDir(dir, Duration.ofSeconds(1));
    }

    /** The chat lines a client joining {@code server} is shown, as "nick: text", oldest first. */
    private static List<String> backlogOf(TestServer server, String nick) {
        return RawClient.backlog(server.port(), nick);
    }

    @Test
    void joinersSeeTheSameHistoryAfterARestart() {
        long boot;
        try (TestServer s1 = TestServer.start(durable("s1", 0));
                RawClient ala = s1.connect("ala")) {
            ala.send("one");
            ala.send("/me waves");
            ala.send("two");
            ala.nextStartingWith("ala: two");
            boot = s1.server().hub().boot();
        }
        try (TestServer again = TestServer.start(durable("s1", 0))) {
            assertEquals(List.of("ala: one", "ala: * waves", "ala: two"), backlogOf(again, "bob"));
            assertEquals(boot, again.server().hub().boot(), "an intact log goes on with its stream");
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefused() {
        try (TestServer s1 = TestServer.start(durable("s1", 0))) {
            IOException e = assertThrows(IOException.class, () -> ChatServer.start(durable("s1b", 0)));
            assertTrue(e.getMessage().contains("in use by another server"), e.getMessage());
            s1.connect("ala").close(); // the first goes on serving
        }
    }

    @Test
    void aTornTailIsCutAndTheServerStartsANewBoot() throws IOException {
        long boot;
        try (TestServer s1 = TestServer.start(durable("s1", 0));
                RawClient ala = s1.connect("ala")) {
            ala.send("kept");
            ala.send("torn");
            ala.nextStartingWith("ala: torn");
            boot = s1.server().hub().boot();
        }
        Path newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList().getLast();
        }
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() - 3); // a power loss in the middle of the last record
        }
        try (TestServer again = TestServer.start(durable("s1", 0))) {
            List<String> seen = backlogOf(again, "bob");
            assertTrue(seen.contains("ala: kept"), seen.toString());
            assertNotEquals(boot, again.server().hub().boot(), "peers may have seen what was cut: a new stream");
        }
    }

    @Test
    void aRestartedServerGoesOnWithItsStreamAndItsPeersCatchItUp() {
        int port;
        try (TestServer s1 = TestServer.start(durable("s1", 0))) {
            port = s1.port();
        }
        TestServer s1 = TestServer.start(durable("s1", port), PeerConfig.none());
        try (TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient bob = s2.connect("bob")) {
            try (RawClient ala = s1.connect("ala")) {
                Federated.awaitUsers(bob, 2);
                ala.send("before");
                bob.nextStartingWith("ala: before");
                s1.close();
            }
            bob.nextStartingWith("* lost link to s1");
            bob.send("while away");
            bob.nextStartingWith("bob: while away");
            s1 = TestServer.start(durable("s1", port), PeerConfig.none());
            // s1 goes on with its stream: it tells everyone that its users from before are gone.
            bob.nextStartingWith("* ala left (server restarted)");
            try (RawClient cid = s1.connect("cid")) {
                Federated.awaitWho(cid, "* 2 users online: bob (s2), cid (s1)");
            }
            assertEquals(List.of("ala: before", "bob: while away"), backlogOf(s1, "dan"), "each line once, in order");
            assertEquals(List.of("ala: before", "bob: while away"), backlogOf(s2, "eve"));
        } finally {
            s1.close();
        }
    }
}
