package linkchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.TestServer;

class BenchTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void aSmallRunDeliversEverythingOnce() throws Exception {
        try (TestServer server = TestServer.start("s1")) {
            BenchReport report = Bench.run(config(List.of(address(server.port())), 5, 2, 200, 0, 20), QUIET);
            assertTrue(report.ok(), report.table());
            assertEquals(5 * 2 * 200, report.deliveries());
            assertEquals(2 * 200, report.fannedOut());
            assertEquals(0, report.lost());
            assertEquals(0, report.duplicated());
            assertEquals(0, report.reordered());
            assertEquals(2 * 220, report.sent());
            assertEquals(5 * 2 * 200, report.latency().count());
            assertTrue(report.elapsedNanos() > 0);
            assertTrue(report.json().contains("\"lost\":0"), report.json());
            assertEquals(0, server.server().hub().size(), "every bench client left before run returned");
        }
    }

    @Test
    void aThreadAndABlockingSocketPerClientDeliverEverythingOnce() throws Exception {
        try (TestServer server = TestServer.start("s1")) {
            BenchConfig config = new BenchConfig(List.of(address(server.port())), 6, 2, 300, 100, 0, 5, 20,
                    Duration.ofSeconds(5), BenchConfig.Receivers.THREADS);
            BenchReport report = Bench.run(config, QUIET);
            assertTrue(report.ok(), report.table());
            assertEquals(6 * 2 * 300, report.deliveries());
            assertEquals(2 * 300, report.fannedOut());
            assertEquals(6 * 2 * 300, report.latency().count());
            assertTrue(report.json().contains("\"receivers\":\"threads\""), report.json());
            assertEquals(0, server.server().hub().size(), "every bench client left before run returned");
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("bench-client-")),
                    "every reading thread ended");
        }
    }

    @Test
    void aThreadsRunReportsWhatAMeddlerDid() throws Exception {
        try (TestServer server = TestServer.start("s1");
                MeddlingProxy proxy = MeddlingProxy.start(server.port(), 5, 7, 10)) {
            BenchConfig config = new BenchConfig(List.of(address(server.port()), address(server.port()),
                    address(proxy.port())), 5, 2, 50, 100, 0, 0, 0, Duration.ofSeconds(1), BenchConfig.Receivers.THREADS);
            BenchReport report = Bench.run(config, QUIET);
            assertFalse(report.ok());
            assertEquals(1, report.lost());
            assertEquals(1, report.duplicated());
            assertEquals(1, report.reordered());
        }
    }

    @Test
    void aClosedLoopWithARateCompletes() throws Exception {
        try (TestServer server = TestServer.start("s1")) {
            BenchConfig config = new BenchConfig(List.of(address(server.port())), 4, 2, 100, 50, 2_000, 3, 10,
                    Duration.ofSeconds(5));
            BenchReport report = Bench.run(config, QUIET);
            assertTrue(report.ok(), report.table());
            assertEquals(4 * 2 * 100, report.deliveries());
        }
    }

    @Test
    void aLostADuplicatedAndAReorderedMessageAreReported() throws Exception {
        try (TestServer server = TestServer.start("s1");
                MeddlingProxy proxy = MeddlingProxy.start(server.port(), 5, 7, 10)) {
            // Round-robin over three entries puts client 2 alone behind the proxy.
            BenchConfig config = config(List.of(address(server.port()), address(server.port()),
                    address(proxy.port())), 5, 2, 50, 0, 0);
            BenchReport report = Bench.run(config, QUIET);
            assertFalse(report.ok());
            assertFalse(report.completed());
            assertEquals(1, report.lost());
            assertEquals(1, report.duplicated());
            assertEquals(1, report.reordered());
            assertEquals(2 * 50 - 1, report.fannedOut());
            assertNotNull(report.problem());
        }
    }

    @Test
    void aReorderedMessageAloneFailsTheRun() throws Exception {
        try (TestServer server = TestServer.start("s1");
                MeddlingProxy proxy = MeddlingProxy.start(server.port(), Integer.MIN_VALUE, Integer.MIN_VALUE, 10)) {
            BenchConfig config = config(List.of(address(server.port()), address(server.port()),
                    address(proxy.port())), 5, 2, 50, 0, 0);
            BenchReport report = Bench.run(config, QUIET);
            assertEquals(0, report.lost());
            assertEquals(0, report.duplicated());
            assertEquals(1, report.reordered());
            assertFalse(report.ok(), report.table());
        }
    }

    @Test
    void aServerNobodyListensOnFailsTheRunAtOnce() throws Exception {
        int port;
        try (TestServer server = TestServer.start("gone")) {
            port = server.port();
        }
        BenchConfig config = config(List.of(address(port)), 2, 1, 10, 0, 0);
        IOException e = assertThrows(IOException.class, () -> Bench.run(config, QUIET));
        assertTrue(e.getMessage().contains("could not join"), e.getMessage());
    }

    @Test
    void badValuesNameTheirOption() {
        List<InetSocketAddress> one = List.of(address(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(one, 2, 3, 10, 0, 0));
        assertTrue(e.getMessage().startsWith("--senders"), e.getMessage());
        assertEquals(BenchConfig.Receivers.THREADS, BenchConfig.Receivers.parse("threads"));
        e = assertThrows(IllegalArgumentException.class, () -> BenchConfig.Receivers.parse("epoll"));
        assertTrue(e.getMessage().startsWith("--receivers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parseServers("localhost"));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parseServers("localhost:0"));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parseServers("a:1,"));
        List<InetSocketAddress> parsed = BenchConfig.parseServers("a:1, [::1]:2000");
        assertEquals("::1", parsed.get(1).getHostString());
        assertEquals(2000, parsed.get(1).getPort());
    }

    private static BenchConfig config(List<InetSocketAddress> servers, int clients, int senders, int messages,
            int window, int warmup) {
        return new BenchConfig(servers, clients, senders, messages, 100, 0, window, warmup, Duration.ofSeconds(1));
    }

    private static InetSocketAddress address(int port) {
        return InetSocketAddress.createUnresolved("127.0.0.1", port);
    }
}
