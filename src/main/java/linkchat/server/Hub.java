package linkchat.server;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import linkchat.store.Journal;
import linkchat.store.Record;
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
    /** What the hub takes from outside it: wall-clock ms, monotonic ns, guest-number draws; a test's own replays a run exactly. */
    record Env(LongSupplier millis, LongSupplier nanos, RandomGenerator random) {}

    private final String name;
    private final long boot;
    private final Env env;
    private final Journal journal;
    private final SettlingLock lock = new SettlingLock(this::settleRoster);
    private final Origins origins;
    private final Ledger ledger;
    private final Backlog backlog;
    private final Catchup catchup;
    private final Snapshots snapshots;
    private final Roster roster;
    private final GuestNicks guests;
    private final LinkTable links = new LinkTable();
    private final Clashes clashes = new Clashes();
    private final Members members = new Members();
    private final LineIds lineIds = new LineIds();
    private boolean closed;

    /**
     * Creates the hub of server {@code name} in its boot {@code boot}, keeping events for replay as
     * configured, and handing every event it delivers to {@code journal} first.
     */
    public Hub(String name, long boot, int keepEvents, long keepMillis, int backlogLines, Journal journal) {
        this(name, boot, keepEvents, keepMillis, backlogLines, new Env(System::currentTimeMillis, System::nanoTime, new SplittableRandom()),
                journal);
    }

    Hub(String name, long boot, int keepEvents, long keepMillis, int backlogLines, Env env, Journal journal) {
        this.name = name;
        this.backlog = new Backlog(backlogLines);
        this.boot = boot;
        this.env = env;
        this.journal = journal;
        this.origins = new Origins(name, boot);
        this.ledger = new Ledger(origins, keepEvents, keepMillis, journal, () -> !links.all().isEmpty());
        this.roster = new Roster(origins);
        this.guests = new GuestNicks(env.random());
        this.catchup = new Catchup(origins, ledger, roster);
        this.snapshots = new Snapshots(origins, ledger, roster, catchup, links);
    }

    /** This server's name. */
    public String serverName() {
        return name;
    }

    /** This server's boot id: its start time, so a restarted server is told apart from its old self. */
    public long boot() {
        return boot;
    }

    /**
     * The journal every event delivered here is handed to first: whatever sends this hub's frames
     * waits on it ({@link Journal#awaitQueued}) before they go out.
     */
    public Journal journal() {
        return journal;
    }

    /**
     * Takes back, before anyone connects, what the log held: {@code kept} (its events, oldest
     * first) fill the replay log, the backlog and the window of line ids as they were, and each
     * origin's stream is set where {@code positions} say. If this server goes on with the boot
     * its log was written in, {@code ownUsers} (its users when it stopped) are announced as gone:
     * their connections died with the process, and its peers still count them.
     */
    public void restore(List<Record.Kept> kept, Collection<Record.Position> positions, List<String> ownUsers) {
        lock.run(() -> {
            for (Record.Kept k : kept) {
                ledger.restore(k.stamped(), k.keptAt());
                if (lineIds.remember(k.stamped())) {
                    backlog.add(k.stamped());
                }
            }
            positions.forEach(ledger::restore);
            ownUsers.forEach(nick -> publish(new Event.Left(nick, "server restarted"), null));
        });
    }

    // ---- local members ----

    /** Adds a member under {@code wanted} (see {@link WantedNick}; null: a guest nick), welcomes it and announces it to everyone. */
    Member join(Outbox outbox, String wanted) {
        return lock.call(() -> {
            String nick = WantedNick.pick(wanted, roster, guests);
            // Stamped before the member can hear its nick: no claim it causes elsewhere is stamped earlier.
            Stamped joined = ledger.stamp(new Event.Joined(nick), env.millis().getAsLong());
            Member member = members.admit(outbox, name, wanted, nick);
            backlog.replayTo(member);
            deliver(joined, null, null);
            return member;
        });
    }

    /** Fans out a member's event (a chat line, an action) to everyone on the federation, the sender included, unless its line id was delivered already. */
    void broadcast(Event event) {
        lock.run(() -> {
            if (!lineIds.known(event.lineId())) {
                publish(event, null);
            }
        });
    }

    /** Sends {@code from}'s private line to the reachable user holding nick {@code to} alone; false if nobody does (true at once if its line id was delivered already). */
    boolean whisper(Member from, String to, String text, String lineId) {
        return lock.call(() -> {
            if (lineIds.known(lineId)) {
                return true;
            }
            Optional<Event> line = roster.holder(to).flatMap(s -> roster.user(s, to).map(u -> new Event.Whispered(from.nick, u.nick(), s, text, lineId)));
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
        return lock.call(() -> {
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
        });
    }

    private void renameLocked(Member member, String nick) {
        String old = member.nick;
        member.nick = nick;
        publish(new Event.Renamed(old, nick), member); // stamped before the member can hear of it, as a join
        member.tell("you are now known as " + nick);
    }

    /** Removes {@code member} and announces it, unless the hub is closed (a shutdown says it once, not per member). */
    void leave(Member member, String reason) {
        lock.run(() -> {
            if (members.remove(member) && !closed) {
                publish(new Event.Left(member.nick, reason), null);
            }
        });
    }

    /** Every user on every reachable server, unsorted: {@link Roster#sorted} orders them without the lock. */
    List<Roster.WhoRow> who() {
        return lock.call(roster::who);
    }

    /** The federation as {@code /links} shows it, taken under the lock. */
    LinkMap linkMap() {
        return lock.call(() -> LinkMap.of(name, roster, links.all()));
    }

    /** How many members this server has. */
    public int size() {
        return lock.call(members::size);
    }

    /** Stops announcing departures: the server is shutting down and says so to each client itself. */
    void close() {
        lock.run(() -> closed = true);
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
        return lock.call(() -> {
            LinkTable.Verdict v = links.verdict(link, dead, env.nanos().getAsLong());
            if (v.kind() == LinkTable.Kind.TAKE || v.kind() == LinkTable.Kind.REPLACE) {
                take(link, v.rival());
            }
            return v;
        });
    }

    private void take(Link link, Link rival) {
        links.take(link, rival, env.nanos().getAsLong());
        origins.booted(link.peerName(), link.peerBoot());
        catchup.announce().forEach(m -> link.send(PeerCodec.frame(m)));
        if (rival == null) {
            publish(new Event.Links(links.names()), null);
            int users = roster.userCount(roster.recomputeReach().gained());
            notice("linked to " + link.peerName() + (users == 0 ? "" : ": " + Roster.users(users) + " reachable"));
        }
    }

    /** Removes a link that went down, and tells the members who is now out of reach. */
    public void linkDown(Link link, String why) {
        lock.run(() -> {
            catchup.forget(link);
            if (links.remove(link) && !closed) {
                publish(new Event.Links(links.names()), null);
                int users = roster.userCount(roster.recomputeReach().lost());
                notice("lost link to " + link.peerName() + ": " + Roster.users(users) + " unreachable");
            }
        });
    }

    /** How many live links this server has now. */
    public int linkCount() {
        return lock.call(() -> links.all().size());
    }

    /** True if a live link to {@code peer} exists. */
    public boolean linkedTo(String peer) {
        return lock.call(() -> links.holder(peer) != null);
    }

    /**
     * Handles one message from a linked peer (anything after the handshake). Throws
     * {@link Implausible}, having taken nothing of the message, if it breaks a bound of
     * {@link PeerCheck}: the link is then refused.
     */
    public void receive(Link from, PeerMessage message) {
        long now = env.millis().getAsLong();
        lock.run(() -> {
            switch (message) {
                case PeerMessage.Carry c -> accept(from, c.stamped(), now);
                case PeerMessage.Origin o -> lock.changed(snapshots.told(from, o.state(), now));
                case PeerMessage.Synced s -> catchup.synced(from).forEach(m -> from.send(m instanceof PeerMessage.Carry c
                        ? ledger.carryFrame(c.stamped()) : PeerCodec.frame(m)));
                case PeerMessage.Jump j -> jump(from, j.lost(), j.state(), now);
                case PeerMessage.Want w -> from.send(PeerCodec.frame(new PeerMessage.Jump(0, catchup.state(w.origin()))));
                default -> throw new IllegalArgumentException("not a link message: " + message);
            }
        });
    }

    /** Gives up gaps that have stayed open too long; links call it on their heartbeat. */
    public void tick() {
        lock.run(() -> ledger.expireGaps(env.millis().getAsLong()).forEach(o -> release(o, null)));
    }

    /**
     * Takes an event if it is plausible and not from a boot newer than the one its origin's own
     * link gave; one too far ahead of its stream is answered with a WANT for the origin's state.
     */
    private void accept(Link from, Stamped s, long now) {
        PeerCheck.event(s, now);
        PeerCheck.join(s, roster, name);
        if (s.boot() > links.directBoot(s.origin())) {
            return;
        }
        boolean unknown = origins.bootOf(s.origin()) < s.boot() && !s.origin().equals(name);
        Ledger.Outcome outcome = ledger.accept(s, now);
        release(outcome, from);
        if (unknown || outcome.resync()) {
            from.send(PeerCodec.frame(new PeerMessage.Want(s.origin())));
        }
    }

    private void release(Ledger.Outcome outcome, Link from) {
        for (Stamped s : outcome.deliver()) {
            deliver(s, from, null);
            lock.changed(s.event().changesRoster());
        }
        if (outcome.lost() > 0) {
            notice(outcome.lost() + " events from " + outcome.origin() + " were lost");
        }
    }

    /** Takes a peer's snapshot of an origin (see {@link Snapshots#jump}): passed on, told, its held events released. */
    private void jump(Link from, long lost, PeerMessage.OriginState st, long now) {
        Snapshots.Jumped j = snapshots.jump(from, lost, st, now);
        if (j == null) {
            return;
        }
        if (j.forward() != null) {
            links.all().stream().filter(l -> l != from).forEach(l -> l.send(j.forward()));
        }
        if (j.missed() > 0) {
            notice(j.missed() + " events from " + st.origin() + " were lost while the link was down");
        }
        release(j.release(), null);
        lock.changed(true);
    }

    // ---- shared paths ----

    /** Stamps a local event and delivers it. Caller holds the lock. */
    private void publish(Event event, Member skip) {
        deliver(ledger.stamp(event, env.millis().getAsLong()), null, skip);
    }

    /**
     * Applies, forwards and fans out (encoded once) one event. Caller holds the lock. Links come
     * first: their writers then run before the local members', so the other servers' fan-out
     * starts without waiting for this one's.
     */
    private void deliver(Stamped s, Link from, Member skip) {
        roster.apply(s);
        boolean fresh = lineIds.remember(s); // else a line its client resent to another server: carried on, shown once
        if (fresh) {
            backlog.add(s);
        }
        if (!links.all().isEmpty()) {
            byte[] frame = ledger.carryFrame(s);
            for (Link l : links.all()) {
                if (l != from) {
                    l.send(frame);
                }
            }
        }
        if (fresh && s.event().visible() && !(s.event().isPresence() && roster.userCount(roster.reach()) > Event.Presence.SHOWN_UP_TO_USERS)) {
            byte[] frame = Frames.encode(s.event().line());
            members.deliver(s, frame, skip, name);
        }
    }

    /**
     * Settles, under the lock, a change of who is where that a peer's message made: reach
     * recomputed (members told of servers lost or regained other than through this server's own
     * links) and nick clashes settled.
     */
    private void settleRoster() {
        roster.news(roster.recomputeReach()).forEach(this::notice);
        clashes.settle(roster, members, m -> renameLocked(m, guests.fresh(roster)));
    }

    private void notice(String text) {
        members.offer(Frames.encode("* " + text), null);
    }
}
