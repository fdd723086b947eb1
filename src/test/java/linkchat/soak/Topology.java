package linkchat.soak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which of {@code servers} servers are linked: each edge joins a lower-numbered server to a
 * higher one, which dials it. Immutable.
 */
record Topology(String name, int servers, List<Edge> edges) {
    /** A link between servers {@code low} and {@code high}, {@code low < high}; {@code high} dials. */
    record Edge(int low, int high) {}

    Topology {
        edges = List.copyOf(edges);
    }

    /** Every server linked to every other. */
    static Topology fullMesh(int servers) {
        List<Edge> edges = new ArrayList<>();
        for (int high = 1; high < servers; high++) {
            for (int low = 0; low < high; low++) {
                edges.add(new Edge(low, high));
            }
        }
        return new Topology("full mesh", servers, edges);
    }

    /**
     * A random tree over every server (so the graph is connected) plus {@code extra} more random
     * edges, drawn from {@code seed} so every run has the same graph.
     */
    static Topology randomConnected(int servers, int extra, long seed) {
        if (extra > servers * (servers - 1) / 2 - (servers - 1)) {
            throw new IllegalArgumentException("no room for " + extra + " extra edges");
        }
        Random random = new Random(seed);
        Set<Edge> edges = new HashSet<>();
        List<Edge> ordered = new ArrayList<>();
        for (int high = 1; high < servers; high++) {
            Edge e = new Edge(random.nextInt(high), high);
            edges.add(e);
            ordered.add(e);
        }
        while (ordered.size() < servers - 1 + extra) {
            int a = random.nextInt(servers);
            int b = random.nextInt(servers);
            Edge e = new Edge(Math.min(a, b), Math.max(a, b));
            if (a != b && edges.add(e)) {
                ordered.add(e);
            }
        }
        return new Topology("random graph (seed " + seed + ")", servers, ordered);
    }

    /** How many links server {@code server} has. */
    int degree(int server) {
        return (int) edges.stream().filter(e -> e.low() == server || e.high() == server).count();
    }

    /** True if every server still reaches every other over the edges not in {@code down}. */
    boolean connectedWithout(Set<Integer> down) {
        boolean[] reached = new boolean[servers];
        reached[0] = true;
        int count = 1;
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                if (!down.contains(i) && reached[e.low()] != reached[e.high()]) {
                    reached[e.low()] = reached[e.high()] = true;
                    count++;
                    grew = true;
                }
            }
        }
        return count == servers;
    }

    /** The edges {@code server} dials: those to lower-numbered servers. */
    List<Integer> dialledBy(int server) {
        List<Integer> links = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            if (edges.get(i).high() == server) {
                links.add(i);
            }
        }
        return links;
    }
}
