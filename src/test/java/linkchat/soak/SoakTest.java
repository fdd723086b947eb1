package linkchat.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import linkchat.bench.Bench;
import linkchat.bench.BenchConfig;
import linkchat.bench.BenchReport;
import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/**
 * Minutes of churn on three linked servers while bench runs count every delivery: clients
 * joining and leaving, clients that never read, clients that flood, a link cut and restored
 * again and again. Not part of {@code make test}: {@code make soak} runs it (its length in
 * seconds in the environment variable SOAK_SECONDS, default 120).
 */
@Tag("soak")
class SoakTest {
    /** How often the link between s1 and s2 is cut, and for how long. */
    private static final Duration CUT_EVERY = Duration.ofSeconds(10);
    private static final Duration CUT_FOR = Duration.ofSeconds(2);

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();

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
        System.out.printf("soak: %d bench runs, %,d churned connections, %d link cuts; file descriptors %d -> %d, "
                + "platform threads %d -> %d, heap after GC %,d KiB -> %,d KiB%n", reports.size(), churned.get(), cuts.get(),
                fdsBefore, fdsAfter, threadsBefore, threadsAfter, heapBefore / 1024, heapAfter / 1024);
        assertTrue(reports.stream().allMatch(BenchReport::ok), "a bench run lost or duplicated deliveries");
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
                TestServer s3 = TestServer.start(ServerConfig.loopback("s3"), Federated.dialling(s1.address(), s2.address()))) {
            List<TestServer> servers = List.of(s1, s2, s3);
            try (RawClient probe = s1.connect("probe")) {
                Federated.awaitUsers(probe, 1);
            }
            List<Thread> churn = List.of(
                    Thread.ofVirtual().start(() -> joinersAndLeavers(servers)),
                    Thread.ofVirtual().start(() -> readersThatNeverRead(servers)),
                    Thread.ofVirtual().start(() -> flooder(s3)),
                    Thread.ofVirtual().start(() -> linkCutter(net)));
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

    /** Platform threads that are not the JDK's own pool workers (which come and go with load). */
    private static long platformThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("ForkJoinPool") && !t.getName().contains("Poller")).count();
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
