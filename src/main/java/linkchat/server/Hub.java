package linkchat.server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import linkchat.wire.Event;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * Where one server's members meet, and where links to other servers join the conversation.
 *
 * <p>Every event, local or from a link, passes through here once: it is stamped or checked
 * against the {@link Ledger} (so each is delivered once, in its origin's order), applied to the
 * {@link Roster}, encoded once, enqueued to every member's outbox and forwarded on every other
 * link. Thread-safe: one lock orders all of it, and under it the hub only enqueues, never
 * touching a socket, so a slow reader or a slow link cannot stall anyone.
 */
public final class Hub {
    /**
     * Past this many users on the federation, joins, departures and nick changes are no longer
     * shown to every client: in a crowd they are noise, and each costs a frame per client, so a
     * burst of ten thousand joins would cost a hundred million frames.
     */
    static final int ANNOUNCE_LIMIT = 500;

    private static final System.Logger LOG = System.getLogger(Hub.class.getName());

    private final String name;
    private final long boot;
    private final ReentrantLock lock = new ReentrantLock();
    private final Ledger ledger;
    private final Backlog backlog;
    private final Catchup catchup;
    private final Roster roster;
    private final LinkTable links = new LinkTable();
    private final Clashes clashes = new Clashes();
    private final Members members = new Members();
    private boolean closed;

    /** Creates the hub of server {@code name} in its boot {@code boot}, keeping events for replay as configured. */
    public Hub(String name, long boot, int keepEvents, long keepMillis, int backlogLines) {
        this.name = name;
        this.backlog = new Backlog(backlogLines);
        this.boot = boot;
        this.ledger = new Ledger(name, boot, keepEvents, keepMillis);
        this.roster = new Roster(name, boot);
        this.catchup = new Catchup(ledger, roster);
    }

    /** This server's name. */
    public String serverName() {
        return name;
    }

    /** This server's boot id: its start time, so a restarted server is told apart from its old self. */
    public long boot() {
        return boot;
    }

    // ---- local members ----

    /** Adds a member under {@code wanted} (see {@link WantedNick}; null: a guest nick), welcomes it and announces it to everyone. */
    Member join(Outbox outbox, String wanted) {
        lock.lock();
        try {
            String nick = WantedNick.pick(wanted, roster);
            Member member = new Member(outbox, nick);
            members.add(member);
            member.tell("welcome to " + name + ", you are " + nick + "; /help lists the commands");
            WantedNick.fellBack(wanted, nick).ifPresent(member::tell);
            backlog.replayTo(member);
            publish(new Event.Joined(nick), null);
            return member;
        } finally {
            lock.unlock();
        }
    }

    /** Fans out a member's event (a chat line, an action) to everyone on the federation, the sender included. */
    void broadcast(Event event) {
        lock.lock();
        try {
            publish(event, null);
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code from}'s private line to the reachable user holding nick {@code to} alone; false if nobody does. */
    boolean whisper(Member from, String to, String text) {
        return locked(() -> {
            Optional<Event> line = roster.holder(to).flatMap(s -> roster.user(s, to).map(u -> new Event.Whispered(from.nick, u.nick(), s, text)));
            line.ifPresent(e -> publish(e, null));
            return line.isPresent();
        });
    }

    /** Renames {@code member}, or returns why not. Nicks are unique across every reachable server. */
    Optional<String> rename(Member member, String nick) {
        Optional<String> problem = NickRules.problem(nick);
        if (problem.isPresent()) {
            return problem;
        }
        lock.lock();
        try {
            boolean sameUser = NickRules.key(nick).equals(NickRules.key(member.nick));
            Optional<String> holder = roster.holder(nick);
            if (holder.isPresent() && !sameUser) {
                String where = holder.get().equals(name) ? "" : " on " + holder.get();
                return Optional.of("the nick " + nick + " is taken" + where);
            }
            if (!member.nick.equals(nick)) {
                renameLocked(member, nick);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private void renameLocked(Member member, String nick) {
        String old = member.nick;
        member.nick = nick;
        member.tell("you are now known as " + nick);
        publish(new Event.Renamed(old, nick), member);
    }

    /** Removes {@code member} and announces it, unless the hub is closed (a shutdown says it once, not per member). */
    void leave(Member member, String reason) {
        lock.lock();
        try {
            if (members.remove(member) && !closed) {
                publish(new Event.Left(member.nick, reason), null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every user on every reachable server, unsorted: {@link Roster#sorted} orders them without the lock. */
    List<Roster.WhoRow> who() {
        return locked(roster::who);
    }

    /** The federation as {@code /links} shows it, taken under the lock. */
    LinkMap linkMap() {
        return locked(() -> LinkMap.of(name, roster, links.all()));
    }

    /** How many members this server has. */
    public int size() {
        return locked(members::size);
    }

    /** Stops announcing departures: the server is shutting down and says so to each client itself. */
    void close() {
        locked(() -> closed = true);
    }

    // ---- links ----

    /**
     * Adds a link whose handshake succeeded, unless another link holds its name and wins (see
     * {@link LinkTable}); then returns why it is refused. Announces the new topology and sends the
     * peer what this server knows of every origin, so it can ask for nothing and get what it
     * missed. May wait up to {@link LinkTable#PROBE_TIMEOUT} for a rival link to answer.
     */
    public Optional<String> linkUp(Link link) throws InterruptedException {
        Link dead = null;
        while (true) {
            LinkTable.Verdict v = settle(link, dead);
            if (v.kind() == LinkTable.Kind.PROBE && !v.rival().answers(LinkTable.PROBE_TIMEOUT)) {
                dead = v.rival();
                continue;
            }
            if (v.kind() == LinkTable.Kind.REPLACE) {
                v.rival().close("replaced by a new link to " + link.peerName());
            }
            boolean taken = v.kind() == LinkTable.Kind.TAKE || v.kind() == LinkTable.Kind.REPLACE;
            return taken ? Optional.empty() : Optional.of(v.reason());
        }
    }

    /** The verdict on a newcomer, taking it at once where it wins without a probe. */
    private LinkTable.Verdict settle(Link link, Link dead) {
        return locked(() -> {
            LinkTable.Verdict v = links.verdict(link, dead, System.nanoTime());
            if (v.kind() == LinkTable.Kind.TAKE || v.kind() == LinkTable.Kind.REPLACE) {
                take(link, v.rival());
            }
            return v;
        });
    }

    private void take(Link link, Link rival) {
        links.take(link, rival, System.nanoTime());
        roster.booted(link.peerName(), link.peerBoot());
        catchup.announce().forEach(m -> link.send(PeerCodec.frame(m)));
        if (rival == null) {
            publish(new Event.Links(links.names()), null);
            int users = roster.userCount(roster.recomputeReach().gained());
            notice("linked to " + link.peerName() + (users == 0 ? "" : ": " + Roster.users(users) + " reachable"));
        }
    }

    /** Removes a link that went down, and tells the members who is now out of reach. */
    public void linkDown(Link link, String why) {
        lock.lock();
        try {
            catchup.forget(link);
            if (links.remove(link) && !closed) {
                publish(new Event.Links(links.names()), null);
                int users = roster.userCount(roster.recomputeReach().lost());
                notice("lost link to " + link.peerName() + ": " + Roster.users(users) + " unreachable");
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many live links this server has now. */
    public int linkCount() {
        return locked(() -> links.all().size());
    }

    /** True if a live link to {@code peer} exists. */
    public boolean linkedTo(String peer) {
        return locked(() -> links.holder(peer) != null);
    }

    /**
     * Handles one message from a linked peer (anything after the handshake). Throws
     * {@link Implausible}, having taken nothing of the message, if it breaks a bound of
     * {@link PeerCheck}: the link is then refused.
     */
    public void receive(Link from, PeerMessage message) {
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            switch (message) {
                case PeerMessage.Carry c -> accept(from, c.stamped(), now);
                case PeerMessage.Origin o -> told(from, o.state(), now);
                case PeerMessage.Synced s -> catchup.synced(from).forEach(m -> from.send(m instanceof PeerMessage.Carry c
                        ? ledger.carryFrame(c.stamped()) : PeerCodec.frame(m)));
                case PeerMessage.Jump j -> jump(from, j.lost(), j.state(), now);
                case PeerMessage.Want w -> from.send(PeerCodec.frame(new PeerMessage.Jump(0, catchup.state(w.origin()))));
                default -> throw new IllegalArgumentException("not a link message: " + message);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives up gaps that have stayed open too long; links call it on their heartbeat. */
    public void tick() {
        locked(() -> {
            ledger.expireGaps(System.currentTimeMillis()).forEach(o -> release(o, null));
            return null;
        });
    }

    /**
     * Takes an event if it is plausible and not from a boot newer than the one its origin's own
     * link gave; one too far ahead of its stream is answered with a WANT for the origin's state.
     */
    private void accept(Link from, Stamped s, long now) {
        PeerCheck.event(s, now);
        if (s.event() instanceof Event.Joined) {
            PeerCheck.users(s.origin(), roster.usersOf(s.origin()) + 1);
            if (!s.origin().equals(name)) {
                PeerCheck.allUsers(s.origin(), roster.othersUsers() + 1);
            }
        }
        if (s.boot() > links.directBoot(s.origin())) {
            return;
        }
        boolean unknown = ledger.bootOf(s.origin()) < s.boot() && !s.origin().equals(name);
        Ledger.Outcome outcome = ledger.accept(s, now);
        release(outcome, from);
        if (unknown || outcome.resync()) {
            from.send(PeerCodec.frame(new PeerMessage.Want(s.origin())));
        }
    }

    /**
     * Notes a peer's ORIGIN for its SYNCED. About the peer itself it is the origin's own word: it
     * must carry the handshake's boot, and it replaces a position here that only a third party
     * can have made up (see {@link Ledger#correct}).
     */
    private void told(Link from, PeerMessage.OriginState st, long now) {
        PeerCheck.state(st, now);
        boolean own = st.origin().equals(from.peerName());
        if (own) {
            // Its own word may replace its users here: checked before anything is taken.
            PeerCheck.allUsers(st.origin(), roster.othersUsers() - roster.usersOf(st.origin()) + st.users().size());
        }
        catchup.heard(from, st);
        if (own && ledger.correct(st.origin(), st.boot(), st.seq())) {
            LOG.log(System.Logger.Level.WARNING, "{0} gave its own position: dropped what a third party said of it", st.origin());
            roster.reset(st);
            afterRosterChange();
        }
    }

    private void release(Ledger.Outcome outcome, Link from) {
        for (Stamped s : outcome.deliver()) {
            deliver(s, from, null);
            if (s.event().changesRoster()) {
                afterRosterChange();
            }
        }
        if (outcome.lost() > 0) {
            notice(outcome.lost() + " events from " + outcome.origin() + " were lost");
        }
    }

    /**
     * Takes a peer's snapshot of an origin. If it is ahead, this server's position moves there;
     * either way the origin's users become the snapshot's, with every event delivered here since
     * the snapshot's point applied on top, so users who joined before this server heard of the
     * origin are known too. A snapshot that moved this server or taught it something is passed
     * on to its other links, since what it told them of that origin may be behind or incomplete.
     * Of an origin linked here, only its own link's snapshots count: it catches this server up itself.
     */
    private void jump(Link from, long lost, PeerMessage.OriginState st, long now) {
        PeerCheck.state(st, now);
        PeerCheck.lost(lost, st);
        long b = ledger.bootOf(st.origin());
        long p = ledger.deliveredOf(st.origin());
        Link direct = links.holder(st.origin());
        if (st.origin().equals(name) || st.boot() < b || (direct != null && direct != from)) {
            return;
        }
        int after = roster.usersAfter(st);
        PeerCheck.users(st.origin(), after);
        PeerCheck.allUsers(st.origin(), roster.othersUsers() - roster.usersOf(st.origin()) + after);
        boolean ahead = st.boot() > b || st.seq() > p;
        Ledger.Outcome moved = ahead ? ledger.adopt(st.origin(), st.boot(), st.seq(), now) : Ledger.Outcome.NONE;
        // On the same boot this server counts what it skipped itself; across boots only the sender can.
        long missed = ahead && st.boot() == b ? moved.lost() : lost;
        boolean learned = roster.learn(st, ledger.replay(st.origin(), st.boot(), st.seq()).events());
        if (ahead || learned) {
            byte[] frame = PeerCodec.frame(new PeerMessage.Jump(ahead ? Math.max(0, missed) : 0, catchup.state(st.origin())));
            links.all().stream().filter(l -> l != from).forEach(l -> l.send(frame));
        }
        if (ahead && missed > 0) {
            notice(missed + " events from " + st.origin() + " were lost while the link was down");
        }
        release(new Ledger.Outcome(moved.deliver(), 0, st.origin()), null);
        afterRosterChange();
    }

    // ---- shared paths ----

    /** Stamps a local event and delivers it. Caller holds the lock. */
    private void publish(Event event, Member skip) {
        deliver(ledger.stamp(event, System.currentTimeMillis()), null, skip);
    }

    /**
     * Applies, forwards and fans out (encoded once) one event. Caller holds the lock. Links come
     * first: their writers then run before the local members', so the other servers' fan-out
     * starts without waiting for this one's.
     */
    private void deliver(Stamped s, Link from, Member skip) {
        roster.apply(s);
        backlog.add(s);
        if (!links.all().isEmpty()) {
            byte[] frame = ledger.carryFrame(s);
            for (Link l : links.all()) {
                if (l != from) {
                    l.send(frame);
                }
            }
        }
        if (s.event().visible() && !(s.event().isPresence() && roster.userCount(roster.reach()) > ANNOUNCE_LIMIT)) {
            byte[] frame = Frames.encode(s.event().line());
            members.deliver(s, frame, skip, name);
        }
        if (s.event() instanceof Event.Links && !s.origin().equals(name)) {
            announce(roster.recomputeReach());
        }
    }

    /** Runs {@code read} under the lock: for the short queries other threads make. */
    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void notice(String text) {
        members.offer(Frames.encode("* " + text), null);
    }

    /** Tells members about servers lost or regained other than through one of this server's own links. */
    private void announce(Roster.ReachChange change) {
        roster.news(change).forEach(this::notice);
    }

    private void afterRosterChange() {
        announce(roster.recomputeReach());
        clashes.settle(roster, members, m -> renameLocked(m, roster.freshGuestNick()));
    }
}
