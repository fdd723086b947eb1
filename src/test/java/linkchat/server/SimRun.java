package linkchat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One random run of a {@link SimNet} drawn from a seed: a connected topology of 2 to 5 hubs,
 * clients on each, then chat, renames onto a few shared nicks, cuts, held pipes, redials, (if
 * asked) a server or two restarting in a new boot with new clients, and the clock moving,
 * interleaved as the seed says; then the network heals and settles. The checks say what every run must end
 * with.
 */
final class SimRun {
    /** Nicks the renames draw from: few, so the two sides of a split take the same ones. */
    private static final List<String> NICKS = List.of("ann", "bob", "cy", "dee");

    /** Steps of the faulty phase: enough for several splits, few enough that 200 seeds run in seconds. */
    private static final int STEPS = 1_200;

    /** Restarts per run at most: each loses its server's unsent lines and clients, so a few are enough. */
    private static final int MAX_RESTARTS = 2;

    /** A chat line as a client is shown it: the text names its sender and its count. */
    private static final Pattern CHAT = Pattern.compile("[^ :]+: ([a-z0-9]+\\.[0-9]+)#([0-9]+)");

    final long seed;
    final SimNet net;
    /** The pairs that should be linked, dialler first: the topology the run heals back to. */
    final List<SimNet.Node[]> wanted = new ArrayList<>();
    final Set<String> said = new LinkedHashSet<>();
    /** Whether servers may restart during the run. */
    private final boolean restarts;

    SimRun(long seed, int keepEvents) {
        this(seed, keepEvents, false);
    }

    /** A run as the seed says; with {@code restarts}, a server or two restart in a new boot on the way. */
    SimRun(long seed, int keepEvents, boolean restarts) {
        this.seed = seed;
        this.restarts = restarts;
        net = new SimNet(seed);
        int hubs = 2 + net.random.nextInt(4);
        for (int i = 1; i <= hubs; i++) {
            SimNet.Node n = net.hub("s" + i, keepEvents);
            for (int c = 1 + net.random.nextInt(3); c > 0; c--) {
                n.join();
            }
        }
        for (int i = 1; i < hubs; i++) {
            int parent = net.random.nextInt(i);
            for (int j = 0; j < i; j++) {
                if (j == parent || net.random.nextInt(4) == 0) {
                    want(net.nodes.get(j), net.nodes.get(i));
                }
            }
        }
    }

    private void want(SimNet.Node a, SimNet.Node b) {
        wanted.add(new SimNet.Node[] {a, b});
    }

    /** The faulty phase, then healing: every wanted link up, every frame arrived, every gap timed out. */
    SimRun play() {
        // The federation forms first: an origin a server never heard of owes it no history (PROTOCOL 3.4).
        wanted.forEach(p -> net.dial(p[0], p[1]));
        net.settle();
        int cuts = 0;
        int restarted = 0;
        for (int step = 0; step < STEPS; step++) {
            int roll = net.random.nextInt(100);
            if (roll < 60) {
                net.networkStep();
            } else if (roll < 72) {
                said.add(randomClient().say());
            } else if (roll < 75) {
                randomClient().rename(NICKS.get(net.random.nextInt(NICKS.size())));
            } else if (roll < 77 && cuts < 8) {
                cuts += cutOne() ? 1 : 0;
            } else if (roll < 78 && restarts && restarted < MAX_RESTARTS) {
                restarted++;
                restartOne();
            } else if (roll < 80) {
                holdOne();
            } else if (roll < 88) {
                redialOne();
            } else {
                net.advance(1 + net.random.nextInt(40));
            }
        }
        try {
            heal();
        } catch (AssertionError e) {
            throw e.getMessage().startsWith("seed ") ? e : failure(e.getMessage());
        }
        return this;
    }

    private SimClient randomClient() {
        List<SimClient> all = clients();
        return all.get(net.random.nextInt(all.size()));
    }

    List<SimClient> clients() {
        return net.nodes.stream().flatMap(n -> n.clients.stream()).toList();
    }

    /** Restarts a random server in a new boot; one or two new clients join it at once. */
    private void restartOne() {
        SimNet.Node n = net.nodes.get(net.random.nextInt(net.nodes.size()));
        n.restart();
        for (int c = 1 + net.random.nextInt(2); c > 0; c--) {
            n.join();
        }
    }

    private boolean cutOne() {
        List<SimNet.Conn> live = net.conns.stream().filter(c -> !c.cut).toList();
        if (live.isEmpty()) {
            return false;
        }
        live.get(net.random.nextInt(live.size())).cut("fault");
        return true;
    }

    private void holdOne() {
        List<SimNet.End> ends = net.conns.stream().filter(c -> !c.cut).flatMap(c -> List.of(c.a, c.b).stream()).toList();
        if (!ends.isEmpty()) {
            SimNet.End e = ends.get(net.random.nextInt(ends.size()));
            e.held = !e.held;
            net.step((e.held ? "hold " : "release ") + e.at.name + "'s side of " + e.conn);
        }
    }

    /** Redials one wanted pair whose dialler is not linked and has no dial under way, as PeerDialer does. */
    private void redialOne() {
        List<SimNet.Node[]> missing = wanted.stream().filter(this::redialable).toList();
        if (!missing.isEmpty()) {
            SimNet.Node[] p = missing.get(net.random.nextInt(missing.size()));
            net.dial(p[0], p[1]);
        }
    }

    private boolean redialable(SimNet.Node[] p) {
        boolean underWay = net.conns.stream().anyMatch(c -> c.a.at == p[0] && c.b.at == p[1] && !c.a.down && !c.cut);
        return !underWay && !p[0].hub.linkedTo(p[1].name);
    }

    private void heal() {
        net.conns.forEach(c -> {
            c.a.held = false;
            c.b.held = false;
        });
        for (int round = 0; round < 20; round++) {
            List<SimNet.Node[]> missing = wanted.stream().filter(this::redialable).toList();
            missing.forEach(p -> net.dial(p[0], p[1]));
            net.settle();
            net.advance(Ledger.GAP_TIMEOUT_MS + SimNet.TICK_MS);
            net.settle();
            if (missing.isEmpty() && wanted.stream().noneMatch(this::redialable)) {
                return;
            }
        }
        throw failure("the network never healed");
    }

    /**
     * Every line said reached every client exactly once, in its sender's order. Not for a run
     * with restarts: a restarted server's unsent lines die with it, and history it relayed
     * before cannot be replayed through it.
     */
    void checkEveryLineOnceInOrder() {
        checkLines(true);
    }

    /** No client, gone ones included, got a line twice or out of its sender's order (lines may be lost: the replay log is short, or a server restarted). */
    void checkNoLineTwiceOrOutOfOrder() {
        checkLines(false);
    }

    private void checkLines(boolean all) {
        check(net.problems.isEmpty(), () -> "a hub refused an honest peer: " + net.problems);
        for (SimClient c : Stream.concat(clients().stream(), net.gone.stream()).toList()) {
            Map<String, Integer> last = new HashMap<>();
            Set<String> got = new LinkedHashSet<>();
            for (String line : c.lines()) {
                Matcher m = CHAT.matcher(line);
                if (m.matches()) {
                    String text = m.group(1) + "#" + m.group(2);
                    int n = Integer.parseInt(m.group(2));
                    int before = last.getOrDefault(m.group(1), 0);
                    check(got.add(text), () -> c.id() + " got " + text + " twice");
                    check(n > before, () -> c.id() + " got " + text + " after #" + before);
                    last.put(m.group(1), n);
                }
            }
            if (all) {
                Set<String> missed = new LinkedHashSet<>(said);
                missed.removeAll(got);
                check(missed.isEmpty(), () -> c.id() + " never got " + missed);
            }
        }
    }

    /** Every hub's /who is the same, and is every client under its current nick, no nick twice. */
    void checkRostersAgree() {
        TreeMap<String, String> expected = new TreeMap<>();
        for (SimClient c : clients()) {
            String clash = expected.put(NickRules.key(c.nick()), c.nick() + " (" + c.at.name + ")");
            check(clash == null, () -> "two clients hold " + c.nick() + ": " + clash + " and " + c.id() + " (" + c.at.name + ")");
        }
        List<String> want = List.copyOf(expected.values());
        for (SimNet.Node n : net.nodes) {
            List<String> who = net.who(n);
            check(who.equals(want), () -> n.name + "'s /who is " + who + ", not " + want + "\n-- every hub's: "
                    + net.nodes.stream().map(o -> o.name + " " + net.who(o)).toList());
        }
    }

    /**
     * No hub shows a user who was gone with their server's old boot (unless a live client holds
     * that nick there now): what is known of an old boot goes when its server is seen in a new one.
     */
    void checkNoGoneUserShown() {
        Set<String> live = new HashSet<>();
        clients().forEach(c -> live.add(c.nick() + " (" + c.at.name + ")"));
        for (SimClient g : net.gone) {
            String row = g.nick() + " (" + g.at.name + ")";
            for (SimNet.Node n : net.nodes) {
                check(live.contains(row) || !net.who(n).contains(row), () -> n.name + " still shows " + row + ", gone with "
                        + g.at.name + "'s old boot");
            }
        }
    }

    void check(boolean ok, Supplier<String> what) {
        if (!ok) {
            throw failure(what.get());
        }
    }

    /** A failure naming the seed, with the last steps; the whole trace goes to target/simnet-seed-N.txt. */
    AssertionError failure(String what) {
        Path file = Path.of("target", "simnet-seed-" + seed + ".txt");
        try {
            Files.write(file, net.trace);
        } catch (IOException e) {
            file = Path.of("(not written: " + e.getMessage() + ")");
        }
        return new AssertionError("seed " + seed + ": " + what + "\n-- last steps (all in " + file + "):\n" + net.tail(40));
    }

    /** The whole trace, to compare two runs of one seed. */
    List<String> trace() {
        return net.trace;
    }
}
