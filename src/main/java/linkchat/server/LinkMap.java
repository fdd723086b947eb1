package linkchat.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import linkchat.wire.Event;

/**
 * The federation as {@code /links} shows it: every server reachable from this one, on a tree of
 * shortest paths (fewest hops, ties to the lower name), with its users and, for this server's own
 * links, the heartbeat's round trip. Taken under the hub's lock, formatted outside it; immutable.
 */
final class LinkMap {
    /** A server on the tree: the one before it on the path from here, its users, and the round trip of a direct link. */
    private record Node(String name, String parent, int users, Optional<Duration> roundTrip) {}

    /** Longer round trips are shown in whole milliseconds; shorter ones to a hundredth, as loopback links take a tenth. */
    private static final long WHOLE_MS_FROM = 10;

    private final String self;
    /** Every reachable server, in the order found: this one first. */
    private final Map<String, Node> nodes;
    private final Map<String, List<String>> children = new HashMap<>();
    private int users;

    private LinkMap(String self, Map<String, Node> nodes) {
        this.self = self;
        this.nodes = nodes;
        for (Node n : nodes.values()) {
            users += n.users();
            if (n.parent() != null) {
                children.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n.name());
            }
        }
    }

    /** The servers reachable from {@code self} on {@code roster}'s paths; {@code links} are this server's own. */
    static LinkMap of(String self, Roster roster, Collection<Link> links) {
        Map<String, Optional<Duration>> trips = new HashMap<>();
        links.forEach(l -> trips.put(l.peerName(), l.roundTrip()));
        Map<String, Node> nodes = new LinkedHashMap<>();
        roster.paths().forEach((name, before) -> nodes.put(name, new Node(name, before, roster.usersOf(name),
                self.equals(before) ? trips.getOrDefault(name, Optional.empty()) : Optional.empty())));
        return new LinkMap(self, nodes);
    }

    /**
     * The answer to {@code /links}, one line: the count, then each path from here to a server at
     * its end, each server described where it first appears:
     * {@code 3 servers, 6 users: s1 (2 users) -> s2 (3 users, 0.41 ms) -> s3 (1 user)}. Cut with
     * {@code ...} where it would pass {@link Event#MAX_TEXT_BYTES}, so it fits a client's frame
     * however large the federation (server names are ASCII: a char is a byte).
     */
    String reply() {
        StringBuilder out = new StringBuilder(nodes.size() + (nodes.size() == 1 ? " server, " : " servers, "))
                .append(Roster.users(users)).append(": ");
        if (!walk(self, out)) {
            out.append(" ...");
        }
        return out.toString();
    }

    /** Writes the paths below {@code name}; false once the reply is full. */
    private boolean walk(String name, StringBuilder out) {
        if (!append(out, describe(nodes.get(name)))) {
            return false;
        }
        List<String> below = children.getOrDefault(name, List.of());
        for (int i = 0; i < below.size(); i++) {
            if (i > 0 && !append(out, "; " + path(name))) {
                return false;
            }
            if (!append(out, " -> ") || !walk(below.get(i), out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean append(StringBuilder out, String piece) {
        if (out.length() + piece.length() > Event.MAX_TEXT_BYTES) {
            return false;
        }
        out.append(piece);
        return true;
    }

    /** The names from here to {@code name}, as a path repeats them. */
    private String path(String name) {
        List<String> names = new ArrayList<>();
        for (Node n = nodes.get(name); n != null; n = n.parent() == null ? null : nodes.get(n.parent())) {
            names.addFirst(n.name());
        }
        return String.join(" -> ", names);
    }

    /** A server's users, and for a direct link its round trip ({@code ? ms} before the first heartbeat came back). */
    private String describe(Node n) {
        String trip = self.equals(n.parent()) ? ", " + n.roundTrip().map(LinkMap::millis).orElse("? ms") : "";
        return n.name() + " (" + Roster.users(n.users()) + trip + ")";
    }

    /** A round trip as {@code /links} shows it: {@code 0.41 ms}, {@code 23 ms}. */
    static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return String.format(Locale.ROOT, ms >= WHOLE_MS_FROM ? "%.0f ms" : "%.2f ms", ms);
    }
}
