package linkchat.soak;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import linkchat.bench.Bench;
import linkchat.bench.BenchConfig;
import linkchat.bench.BenchReport;
import linkchat.server.ServerConfig;
import linkchat.testing.TestServer;

/**
 * Sixteen servers on loopback, linked in a full mesh and then in a random connected graph, with
 * clients on each: bench runs check that every line reaches every client once and in its
 * sender's order, first flat out on steady links, then at a steady rate while random links are
 * cut and restored. Reports deliveries per second beside one server's under the same clients,
 * and how many copies of each event crossed each link. Not part of {@code make test}:
 * {@code make mesh} runs it (the cutting phase's length per topology in seconds in the
 * environment variable MESH_SECONDS, default 20).
 */
@Tag("mesh")
class MeshTest {
    static final int SERVERS = 16;

    /** Two clients per server, one of which sends: every server has a sender and a listener. */
    static final int CLIENTS = 2 * SERVERS;
    static final int SENDERS = SERVERS;

    /**
     * The random graph: a spanning tree (15 links) plus this many more, about three links a
     * server; with this seed five servers hang on one link each, so cuts split the servers.
     */
    static final int EXTRA_LINKS = 8;

    /** Fixes the random graph and the cuts, so every run is the same run. */
    static final long SEED = 12;

    /** Flat-out phase: messages per sender, and at most this many in flight per sender. */
    static final int FAST_MESSAGES = 400;
    static final int FAST_WINDOW = 20;

    /** Cutting phase: messages a second per sender, well below what the flat-out phase reaches. */
    static final int CUT_RATE = 15;

    static final int PAYLOAD_BYTES = 100;

    /** A bench run gives up after this long without a delivery: longer than any split's recovery. */
    static final Duration BENCH_STALL = Duration.ofSeconds(30);

    /** Longest wait for every link to come up, at start and after the last restore (redials back off). */
    static final Duration LINK_UP = Duration.ofSeconds(45);

    /** The tally is taken once no EVENT frame has crossed any link for this long, or after the second. */
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration QUIET_MAX = Duration.ofSeconds(5);

    /**
     * Flooding (PROTOCOL.md 3.3, rule 3) sends each event on a link at most once each way, so
     * no more than this many copies may cross a link while no link is cut.
     */
    static final int FLOODING_BOUND = 2;

    /** What one topology gave. */
    record Outcome(Topology topology, BenchReport fast, BenchReport cut, EventTally.Summary steadyCopies,
            EventTally.Summary cutCopies, int cuts, int splits, boolean relinked) {}

    @Test
    void sixteenServersDeliverEveryLineOnceInOrderWhileLinksAreCut() throws Exception {
        Duration cutting = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("MESH_SECONDS", "20")));
        BenchReport solo = alone();
        List<Outcome> outcomes = List.of(
                linked(Topology.fullMesh(SERVERS), cutting),
                linked(Topology.randomConnected(SERVERS, EXTRA_LINKS, SEED), cutting));
        System.out.print(figures(solo, outcomes));
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertTrue(solo.ok(), "one server: " + solo.table()));
        outcomes.forEach(o -> checks.addAll(checks(o)));
        assertAll(checks);
    }

    /** The same clients and load on one server, for the per-server figure to stand beside. */
    private static BenchReport alone() throws Exception {
        try (TestServer s = TestServer.start(ServerConfig.loopback("alone"))) {
            return Bench.run(fast(List.of(new InetSocketAddress("127.0.0.1", s.port()))), System.err);
        }
    }

    /** Both phases on one topology; every server and proxy is closed when it returns. */
    private static Outcome linked(Topology topology, Duration cutting) throws Exception {
        try (Mesh mesh = Mesh.start(topology)) {
            assertTrue(mesh.awaitLinked(LINK_UP), topology.name() + ": links did not all come up");
            // The links' first catch-up (each LINKS event replayed to every late joiner) is not steady traffic.
            Mesh.awaitQuiet(mesh.countInto(mesh.newTally()), QUIET, QUIET_MAX);
            EventTally steady = mesh.countInto(mesh.newTally());
            BenchReport fast = Bench.run(fast(mesh.clientAddresses()), System.err);
            Mesh.awaitQuiet(steady, QUIET, QUIET_MAX);
            EventTally cut = mesh.countInto(mesh.newTally());
            LinkCutter cutter = LinkCutter.start(mesh, SEED, cutting);
            BenchReport slow = Bench.run(whileCutting(mesh.clientAddresses(), cutting), System.err);
            cutter.finish();
            boolean relinked = mesh.awaitLinked(LINK_UP);
            Mesh.awaitQuiet(cut, QUIET, QUIET_MAX);
            return new Outcome(topology, fast, slow, steady.summary(), cut.summary(), cutter.cuts(), cutter.splits(),
                    relinked);
        }
    }

    private static BenchConfig fast(List<InetSocketAddress> servers) {
        return new BenchConfig(servers, CLIENTS, SENDERS, FAST_MESSAGES, PAYLOAD_BYTES, 0, FAST_WINDOW,
                BenchConfig.defaultWarmup(FAST_MESSAGES), BENCH_STALL);
    }

    /** Senders at {@link #CUT_RATE} for as long as the cutter cuts. */
    private static BenchConfig whileCutting(List<InetSocketAddress> servers, Duration cutting) {
        int messages = (int) Math.max(1, CUT_RATE * cutting.toSeconds());
        return new BenchConfig(servers, CLIENTS, SENDERS, messages, PAYLOAD_BYTES, CUT_RATE, 0, 0, BENCH_STALL);
    }

    private static List<Executable> checks(Outcome o) {
        String name = o.topology().name();
        return List.of(
                () -> assertTrue(o.fast().ok(), name + ", steady links: " + o.fast().table()),
                () -> assertTrue(o.cut().ok(), name + ", links cut: " + o.cut().table()),
                () -> assertTrue(o.cuts() > 0, name + ": no link was cut"),
                () -> assertTrue(o.relinked(), name + ": not every link came back after the last restore"),
                () -> assertTrue(o.steadyCopies().maxPerLink() <= FLOODING_BOUND,
                        name + ": an event crossed a steady link more often than flooding sends it: " + o.steadyCopies()),
                // Every event must have reached all sixteen servers, so over a link each: this
                // also shows the tally counts what crosses.
                () -> assertTrue(o.steadyCopies().minCrossings() >= SERVERS - 1,
                        name + ": an event reached fewer servers than all: " + o.steadyCopies()));
    }

    /** The figures, as lines for a person to read. */
    static String figures(BenchReport solo, List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        line(sb, String.format(Locale.ROOT, "mesh: one server, %d clients (%d sending), window %d: %,.0f deliveries/s",
                CLIENTS, SENDERS, FAST_WINDOW, solo.deliveriesPerSecond()));
        for (Outcome o : outcomes) {
            line(sb, String.format(Locale.ROOT,
                    "mesh: %s, %d servers, %d links: %,.0f deliveries/s in all, %,.0f per server; lost/dup/reordered %d/%d/%d",
                    o.topology().name(), SERVERS, o.topology().edges().size(), o.fast().deliveriesPerSecond(),
                    o.fast().deliveriesPerSecond() / SERVERS, o.fast().lost(), o.fast().duplicated(), o.fast().reordered()));
            line(sb, "mesh:   no cuts:   " + copies(o.steadyCopies()));
            line(sb, String.format(Locale.ROOT, "mesh:   %d cuts (%d splitting the servers) at %d msg/s per sender: "
                    + "%,d deliveries, lost/dup/reordered %d/%d/%d, every link back: %s", o.cuts(), o.splits(), CUT_RATE,
                    o.cut().deliveries(),
                    o.cut().lost(), o.cut().duplicated(), o.cut().reordered(), o.relinked() ? "yes" : "NO"));
            line(sb, "mesh:   with cuts: " + copies(o.cutCopies()));
            line(sb, "mesh:   each event across each link at most once: "
                    + (o.steadyCopies().maxPerLink() <= 1 && o.cutCopies().maxPerLink() <= 1 ? "met" : "NOT met"));
        }
        return sb.toString();
    }

    private static String copies(EventTally.Summary c) {
        return String.format(Locale.ROOT, "%,d events; copies per event per link mean %.3f, max %d (%.1f%% of "
                + "event-link pairs above 1); per event over all links mean %.1f, min %d (reaching every server needs %d)",
                c.events(), c.meanPerLink(), c.maxPerLink(), 100 * c.aboveOne(), c.meanCrossings(), c.minCrossings(),
                SERVERS - 1);
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append('\n');
    }
}
