package linkchat.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.bench.Bench;
import linkchat.bench.BenchConfig;
import linkchat.bench.BenchReport;
import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.NumberedLines;
import linkchat.testing.RawClient;
import linkchat.testing.ResendingClient;
import linkchat.testing.ServerProcess;
import linkchat.testing.TestServer;

/**
 * Minutes of churn on three linked servers while bench runs count every delivery: clients
 * joining and leaving, clients that never read, clients that flood, a link cut and restored
 * again and again, and a fourth server, a process of its own linked to two of them, killed with
 * SIGKILL and restarted from its data directory again and again while a client sends through
 * it. Not part of {@code make test}: {@code make soak} runs it (its length in seconds in the
 * environment variable SOAK_SECONDS, default 120).
 */
@Tag("soak")
class SoakTest {
    /** How often the link between s1 and s2 is cut, and for how long. */
    private static final Duration CUT_EVERY = Duration.ofSeconds(10);
    private static final Duration CUT_FOR = Duration.ofSeconds(2);

    /** Where the kill moments of the fourth server are drawn from: the same soak each time. */
    private static final long KILL_SEED = 11;

    /** Time between two lines of the client on the server that is killed, and of lines resent though acknowledged. */
    private static final Duration SURVIVOR_PACE = Duration.ofMillis(100);
    private static final int KEPT_AFTER_ACK = 10;

    /** Longest the survivor's last lines may take to reach the watcher once the soak is over. */
    private static final Duration SURVIVOR_SETTLE = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private final AtomicBoolean stop = new AtomicBoolean();
    private int kills;
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicBoolean restarted = new AtomicBoolean();
    /** What the client sending through s4 did, said once it is done. */
    private volatile String survivor = "no survivor";
    private final List<Throwable> survivorFailures = new CopyOnWriteArrayList<>();

    @Test
    void threeLinkedServersUnderChurnLoseNothingAndLeakNothing() throws Exception {
        Duration length = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("SOAK_SECONDS", "120")));
        warmUp();
        List<String> filesBefore = describeOpenFiles();
        long fdsBefore = filesBefore.size();
        long threadsBefore = platformThreads();
        long heapBefore = heapAfterGc();
        List<BenchReport> reports = soak(length);
        if (System.getenv("SOAK_HOLD") != null) {
            pause(Duration.ofSeconds(30));
        }
        List<String> filesAfter = settledOpenFiles(filesBefore.size());
        long fdsAfter = filesAfter.size();
        long threadsAfter = platformThreads();
        long heapAfter = heapAfterGc();
        System.out.printf("soak: %d bench runs, %,d churned connections, %d link cuts, %d kills of s4 (%s); "
                + "file descriptors %d -> %d, platform threads %d -> %d, heap after GC %,d KiB -> %,d KiB%n",
                reports.size(), churned.get(), cuts.get(), kills, survivor, fdsBefore, fdsAfter, threadsBefore,
                threadsAfter, heapBefore / 1024, heapAfter / 1024);
        assertTrue(reports.stream().allMatch(BenchReport::ok), "a bench run lost or duplicated deliveries");
        assertTrue(survivorFailures.isEmpty(), () -> "lines through the killed server: " + survivorFailures);
        assertTrue(kills > 0, "s4 was never killed");
        List<String> added = new ArrayList<>(filesAfter);
        added.removeAll(filesBefore);
        assertTrue(fdsAfter <= fdsBefore, "file descriptors leaked: " + added);
        assertTrue(threadsAfter <= threadsBefore + 2, "platform threads leaked");
        assertTrue(heapAfter <= heapBefore + 16 * 1024 * 1024, "the heap grew");
    }

    /** Runs the churn and the bench runs for {@code length}; every server is closed when it returns. */
    private List<BenchReport> soak(Duration length) throws Exception {
        List<BenchReport> reports = new ArrayList<>();
        try (TestServer s1 = TestServer.start(ServerConfig.loopback("s1"), Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start(ServerConfig.loopback("s2"), Federated.dialling(net.address()));
                TestServer s3 = TestServer.start(ServerConfig.loopback("s3"), Federated.dialling(s1.address(), s2.address()));
                ServerKiller s4 = ServerKiller.start(ServerProcess.start(home, "s4",
                        ServerProcess.peering(List.of(s1.address(), s3.address()))), KILL_SEED, () -> restarted.set(true))) {
            List<TestServer> servers = List.of(s1, s2, s3);
            try (RawClient probe = s1.connect("probe")) {
                Federated.awaitUsers(probe, 1);
            }
            List<Thread> churn = List.of(
                    Thread.ofVirtual().start(() -> joinersAndLeavers(servers)),
                    Thread.ofVirtual().start(() -> readersThatNeverRead(servers)),
                    Thread.ofVirtual().start(() -> flooder(s3)),
                    Thread.ofVirtual().start(() -> linkCutter(net)),
                    Thread.ofVirtual().start(() -> survivor(List.of(s4.port(), s1.port()), s2.port())));
            long deadline = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < deadline) {
                BenchReport r = Bench.run(benchConfig(servers), System.err);
                reports.add(r);
                System.out.printf("soak: run %d %s: %,d deliveries, lost %d, duplicated %d, reordered %d, p99 %.1f ms%n",
                        reports.size(), r.ok() ? "ok" : "FAILED", r.deliveries(), r.lost(), r.duplicated(), r.reordered(),
                        r.latency().percentile(99) / 1e6);
            }
            stop.set(true);
            for (Thread t : churn) {
                t.join();
            }
            kills = s4.kills();
            if (s4.failure() != null) {
                survivorFailures.add(s4.failure());
            }
        }
        return reports;
    }

    /**
     * A linked pair and a client first, so what the JDK makes once and keeps (its I/O pollers,
     * the random source's open devices) counts in the baseline.
     */
    private static void warmUp() {
        try (TestServer a = TestServer.start("warm-a", Federated.dialling());
                TestServer b = TestServer.start("warm-b", Federated.dialling(a.address()));
                RawClient c = b.connect("c")) {
            Federated.awaitUsers(c, 1);
            c.send("hi");
            c.nextStartingWith("c: hi");
        }
    }

    private static BenchConfig benchConfig(List<TestServer> servers) {
        List<InetSocketAddress> addresses = servers.stream()
                .map(s -> new InetSocketAddress("127.0.0.1", s.port())).toList();
        return new BenchConfig(addresses, 30, 6, 2_000, 100, 200, 0, 100, Duration.ofSeconds(30));
    }

    private void joinersAndLeavers(List<TestServer> servers) {
        Random random = new Random(1);
        for (int i = 0; !stop.get(); i++) {
            try (RawClient c = servers.get(random.nextInt(servers.size())).connect("churn" + i)) {
                c.send("passing through " + i);
                c.nextStartingWith("churn" + i + ": passing through");
                c.send("/quit bye");
                c.readToClose();
                churned.incrementAndGet();
            }
        }
    }

    private void readersThatNeverRead(List<TestServer> servers) {
        List<RawClient> stuck = new ArrayList<>();
        while (!stop.get()) {
            for (TestServer s : servers) {
                stuck.add(RawClient.connectNotReading(s.port()));
                churned.incrementAndGet();
            }
            pause(Duration.ofSeconds(5));
            if (stuck.size() > 30) {
                stuck.subList(0, 15).forEach(RawClient::close);
                stuck.subList(0, 15).clear();
            }
        }
        stuck.forEach(RawClient::close);
    }

    private void flooder(TestServer server) {
        try (RawClient c = server.connect("flooder")) {
            for (int i = 0; !stop.get(); i++) {
                c.send("flood " + i);
                if (i % 100 == 99) {
                    String last = "flooder: flood " + i;
                    c.nextMatching(p -> p.equals(last));
                }
            }
        }
    }

    /**
     * A client on the server that is killed ({@code ports}' first) sends numbered lines, moving to
     * the other server when it dies and back once it is restarted, resending what is unsettled; a
     * watcher on {@code watched} must be shown each of them once, in order.
     */
    private void survivor(List<Integer> ports, int watched) {
        String sender = "survivor";
        try (ResendingClient c = ResendingClient.connect(sender, "soak." + sender, ports, KEPT_AFTER_ACK);
                ResendingClient watcher = ResendingClient.watching("watcher", List.of(watched), l -> l.contains(": " + sender + " "))) {
            long n = 0;
            for (; !stop.get(); n++) {
                if (restarted.getAndSet(false)) {
                    c.hop();
                }
                c.send(NumberedLines.line(sender, n));
                pause(SURVIVOR_PACE);
            }
            String last = ": " + NumberedLines.line(sender, n - 1);
            assertTrue(watcher.awaitShown(shown -> shown.stream().anyMatch(l -> l.endsWith(last)), SURVIVOR_SETTLE),
                    "the survivor's last line never reached the watcher");
            survivor = String.format("a client sent %,d lines through it, moved %d times, resent %d", n, c.moves().size(), c.resent());
            int shown = NumberedLines.assertOnceInOrder("the watcher", watcher.shown(), Set.of(sender)).getOrDefault(sender, 0);
            assertEquals(n, shown, "lines the watcher was shown");
        } catch (Throwable t) {
            survivorFailures.add(t);
        }
    }

    private void linkCutter(LinkProxy net) {
        while (!stop.get()) {
            pause(CUT_EVERY);
            net.cut();
            cuts.incrementAndGet();
            pause(CUT_FOR);
            net.restore();
        }
    }

    /** The soak's own schedule: churn at a human pace, not a wait for a result. */
    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Platform threads that are not the JDK's own pool workers (which come and go with load, as process reapers do). */
    private static long platformThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("ForkJoinPool") && !t.getName().contains("Poller")
                        && !t.getName().startsWith("process reaper")).count();
    }

    /** Open files once connections still closing in the background (within a second or two) are closed, or after 5 s. */
    private static List<String> settledOpenFiles(int target) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> files = describeOpenFiles();
        while (files.size() > target && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(100));
            files = describeOpenFiles();
        }
        return files;
    }

    /** What each open file descriptor points at (a socket, a pipe, a file), one entry per descriptor. */
    private static List<String> describeOpenFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + " -> (gone)";
                }
            }).sorted().toList();
        }
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
