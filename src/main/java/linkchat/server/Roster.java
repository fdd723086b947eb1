package linkchat.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import linkchat.server.Origins.Origin;
import linkchat.wire.Event;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * Who is on which server of the federation, which servers each is linked to, and so which
 * servers (and users) this one can reach. Built only from delivered events and adopted origin
 * states, into the users and links of the {@link Origins} records, so they are always of the
 * boot whose position the {@link Ledger} holds. Not thread-safe: the {@link Hub} calls it under
 * its lock.
 */
final class Roster {
    /** A user: their nick and since when (origin's clock, ms) they hold it. */
    record User(String nick, long since) {}

    /** Servers that left or entered reach in one recomputation. */
    record ReachChange(Set<String> lost, Set<String> gained) {}

    private final String self;
    private final Origins origins;
    private Set<String> reach;

    /** The roster of {@code origins}' users and links. */
    Roster(Origins origins) {
        this.self = origins.self();
        this.origins = origins;
        reach = Set.of(self);
    }

    /** The servers reachable as last computed. */
    Set<String> reach() {
        return reach;
    }

    /** Recomputes which servers are reachable (see {@link #reachable()}); returns what changed. */
    ReachChange recomputeReach() {
        Set<String> before = reach;
        reach = reachable();
        Set<String> gained = new HashSet<>(reach);
        gained.removeAll(before);
        Set<String> lost = new HashSet<>(before);
        lost.removeAll(reach);
        return new ReachChange(lost, gained);
    }

    /** What to tell members of a change in reach: which servers were lost or gained, and their users. */
    List<String> news(ReachChange change) {
        List<String> out = new ArrayList<>();
        if (!change.lost().isEmpty()) {
            out.add("lost contact with " + String.join(", ", change.lost().stream().sorted().toList()) + ": "
                    + users(userCount(change.lost())) + " unreachable");
        }
        if (!change.gained().isEmpty()) {
            out.add("now reaching " + String.join(", ", change.gained().stream().sorted().toList()) + ": "
                    + users(userCount(change.gained())));
        }
        return out;
    }

    /**
     * Applies a delivered event to its origin's users or links. The ledger delivered it, so its
     * origin's record is of its boot; a record delivered from its first event is complete.
     */
    void apply(Stamped s) {
        Origin o = origins.get(s.origin());
        if (o == null || o.boot != s.boot()) {
            return; // not the boot this server tracks: its users are of a process that is gone
        }
        o.complete |= s.seq() == 1;
        switch (s.event()) {
            case Event.Joined e -> join(o, e.nick(), s.time());
            case Event.Left e -> remove(o, e.nick());
            case Event.Renamed e -> {
                remove(o, e.from());
                join(o, e.to(), s.time());
            }
            case Event.Links e -> o.links = e.peers();
            case Event.Said e -> { }
            case Event.Acted e -> { }
            case Event.Whispered e -> { }
        }
    }

    /**
     * Records a user; an origin already at {@link PeerCheck#MAX_USERS_PER_ORIGIN}, or another
     * server's when the others have {@link PeerCheck#MAX_USERS} together, takes no more. The hub
     * refuses a peer before that, so this only bounds the events released together and those
     * re-applied over a snapshot. This server's own clients are always recorded.
     */
    private void join(Origin o, String nick, long since) {
        String key = NickRules.key(nick);
        boolean mine = o == origins.mine();
        if (o.users.containsKey(key) || (o.users.size() < PeerCheck.MAX_USERS_PER_ORIGIN && (mine || othersUsers() < PeerCheck.MAX_USERS))) {
            origins.putUser(o, key, new User(nick, since));
        }
    }

    private void remove(Origin o, String nick) {
        origins.removeUser(o, NickRules.key(nick));
    }

    /** Users of every origin but this server's own, together. */
    int othersUsers() {
        return origins.othersUsers();
    }

    /**
     * How many users {@code st}'s origin would have if {@link #adopt} took it: a complete state
     * (or one of a newer boot) replaces them, an incomplete one adds those not known yet, unless
     * what is known is complete.
     */
    int usersAfter(PeerMessage.OriginState st) {
        Origin o = origins.get(st.origin());
        if (st.origin().equals(self)) {
            return o.users.size();
        }
        if (o == null || st.boot() > o.boot || st.complete()) {
            return (int) st.users().stream().map(u -> NickRules.key(u.nick())).distinct().count();
        }
        if (o.complete) {
            return o.users.size();
        }
        int n = o.users.size();
        for (PeerMessage.User u : st.users()) {
            n += o.users.containsKey(NickRules.key(u.nick())) ? 0 : 1;
        }
        return n;
    }

    /** How many users an origin has now (0 if unknown). */
    int usersOf(String name) {
        Origin o = origins.get(name);
        return o == null ? 0 : o.users.size();
    }

    /**
     * Takes a snapshot a peer sent, once the ledger moved the origin's record to its boot (else
     * nothing is taken). A complete one replaces the origin's users and links (true is returned:
     * the caller re-applies later events on top); an incomplete one only adds to knowledge that
     * is itself incomplete.
     */
    boolean adopt(PeerMessage.OriginState st) {
        Origin o = origins.get(st.origin());
        if (o == null || o == origins.mine() || o.boot != st.boot()) {
            return false;
        }
        if (st.complete()) {
            origins.clearUsers(o);
            o.links = st.links();
            o.complete = true;
        } else if (o.complete) {
            return false;
        }
        for (PeerMessage.User u : st.users()) {
            origins.putUser(o, NickRules.key(u.nick()), new User(u.nick(), u.since()));
        }
        return st.complete();
    }

    /**
     * Takes a peer's snapshot as {@link #adopt} does, re-applying {@code since} (the events
     * delivered here after the snapshot's point) on top of a replacement. True if this server's
     * knowledge of the origin's users changed, so its other links should hear of it.
     */
    boolean learn(PeerMessage.OriginState st, List<Stamped> since) {
        Origin o = origins.get(st.origin());
        Map<String, User> before = o == null ? Map.of() : Map.copyOf(o.users);
        boolean wasComplete = o != null && o.complete;
        if (adopt(st)) {
            since.forEach(this::apply);
        }
        Origin now = origins.get(st.origin());
        return now != null && (!now.users.equals(before) || now.complete != wasComplete);
    }

    /** What this server knows of an origin, as one record holds it: its boot, the last seq delivered, its users and links. */
    PeerMessage.OriginState state(String name) {
        return state(name, origins.bootOf(name), origins.deliveredOf(name));
    }

    /** An origin's users and links, as a snapshot to send a peer, at (boot, seq) of the boot the record holds. */
    PeerMessage.OriginState state(String name, long boot, long seq) {
        Origin o = origins.get(name);
        List<PeerMessage.User> users = new ArrayList<>();
        List<String> links = List.of();
        if (o != null) {
            o.users.values().forEach(u -> users.add(new PeerMessage.User(u.nick(), u.since())));
            links = o.links;
        }
        return new PeerMessage.OriginState(name, boot, seq, users, links, o != null && o.complete);
    }

    /**
     * The servers reachable from this one, each with the one before it on a shortest path from
     * here (fewest hops, ties to the lower name; null for this server), in the order found. This
     * server's own links count as they are; any other link counts only while both of its ends
     * list it, so a dead server's stale list cannot keep it reachable.
     */
    Map<String, String> paths() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put(self, null);
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(self));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            for (String next : linksOf(at).stream().sorted().toList()) {
                boolean mutual = at.equals(self) || linksOf(next).contains(at);
                if (mutual && !before.containsKey(next)) {
                    before.put(next, at);
                    todo.add(next);
                }
            }
        }
        return before;
    }

    /** The servers reachable from this one (see {@link #paths}). */
    Set<String> reachable() {
        return new HashSet<>(paths().keySet());
    }

    /** The servers {@code name} last said it is linked to. */
    private List<String> linksOf(String name) {
        Origin o = origins.get(name);
        return o == null ? List.of() : o.links;
    }

    /** How many users are on the given servers. */
    int userCount(Set<String> servers) {
        int n = 0;
        for (String s : servers) {
            Origin o = origins.get(s);
            n += o == null ? 0 : o.users.size();
        }
        return n;
    }

    /** The reachable server where a user holds this nick, compared case-insensitively. */
    Optional<String> holder(String nick) {
        String key = NickRules.key(nick);
        for (String s : reach) {
            Origin o = origins.get(s);
            if (o != null && o.users.containsKey(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A user of the given server, if they hold {@code nick}. */
    Optional<User> user(String server, String nick) {
        Origin o = origins.get(server);
        return o == null ? Optional.empty() : Optional.ofNullable(o.users.get(NickRules.key(nick)));
    }

    /** A user of this server and a user of another reachable server holding the same nick. */
    record Clash(User mine, String otherServer, long theirSince, boolean mineWins) {}

    /**
     * Every clash of a local user with a user elsewhere. The earlier claim wins; equal times go
     * to the lower server name, so every server settles a clash the same way.
     */
    List<Clash> clashes() {
        List<Clash> out = new ArrayList<>();
        for (User mine : origins.mine().users.values()) {
            for (String s : reach) {
                Optional<User> theirs = s.equals(self) ? Optional.empty() : user(s, mine.nick());
                if (theirs.isPresent()) {
                    long t = theirs.get().since();
                    boolean wins = mine.since() < t || (mine.since() == t && self.compareTo(s) < 0);
                    out.add(new Clash(mine, s, t, wins));
                }
            }
        }
        return out;
    }

    /** One user in a {@code /who}: the nick's key (the users map's own, so free here), the nick, its server. */
    record WhoRow(String key, String nick, String server) {}

    /**
     * Every user on every reachable server, in no order. Only references are copied, so the
     * hub's lock is held a moment even for tens of thousands of users; {@link #sorted} does the
     * costly part outside it (sorting under the lock, with a key folded per comparison, held up
     * every delivery while a few clients asked {@code /who} in a loop).
     */
    List<WhoRow> who() {
        List<WhoRow> rows = new ArrayList<>(userCount(reach));
        for (String s : reach) {
            Origin o = origins.get(s);
            if (o != null) {
                o.users.forEach((key, u) -> rows.add(new WhoRow(key, u.nick(), s)));
            }
        }
        return rows;
    }

    /** "nick (server)" for each of {@code rows}, sorted by nick as nicks compare; needs no lock. */
    static List<String> sorted(List<WhoRow> rows) {
        List<WhoRow> byKey = new ArrayList<>(rows);
        byKey.sort(Comparator.comparing(WhoRow::key));
        List<String> out = new ArrayList<>(byKey.size());
        byKey.forEach(r -> out.add(r.nick() + " (" + r.server() + ")"));
        return out;
    }

    /** "1 user", "2 users": as notices count them. */
    static String users(int n) {
        return n + (n == 1 ? " user" : " users");
    }
}
