package linkchat.server;

import java.util.List;

import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * What a peer's snapshots of an origin (an {@code ORIGIN} before its {@code SYNCED}, a
 * {@code JUMP}) do to this server's record of the origin ({@link Origins}: its position moved by
 * the {@link Ledger}, its users by the {@link Roster}): each is checked, then taken or ignored by
 * the rules of docs/PROTOCOL.md 3.4. It says what the {@link Hub} must do
 * next (forward, tell its members, release held events) and sends nothing itself. Not
 * thread-safe: the Hub calls it under its lock.
 */
final class Snapshots {
    private static final System.Logger LOG = System.getLogger(Snapshots.class.getName());

    /**
     * A snapshot taken: the frame to pass on to every other link (null: none), how many events
     * the members are to hear were lost while the link was down, and the held events it released.
     */
    record Jumped(byte[] forward, long missed, Ledger.Outcome release) {}

    private final Origins origins;
    private final Ledger ledger;
    private final Roster roster;
    private final Catchup catchup;
    private final LinkTable links;

    Snapshots(Origins origins, Ledger ledger, Roster roster, Catchup catchup, LinkTable links) {
        this.origins = origins;
        this.ledger = ledger;
        this.roster = roster;
        this.catchup = catchup;
        this.links = links;
    }

    /**
     * Notes a peer's ORIGIN for its SYNCED. About the peer itself it is the origin's own word: it
     * must carry the handshake's boot, and it replaces a position here that only a third party
     * can have made up (see {@link Ledger#correct}). True if that reset the origin's users.
     */
    boolean told(Link from, PeerMessage.OriginState st, long now) {
        PeerCheck.state(st, now);
        boolean own = st.origin().equals(from.peerName());
        if (own) {
            PeerCheck.replacing(roster, st.origin(), st.users().size()); // its own word may replace its users here
        }
        catchup.heard(from, st);
        if (own && ledger.correct(st.origin(), st.boot(), st.seq())) {
            LOG.log(System.Logger.Level.WARNING, "{0} gave its own position: dropped what a third party said of it", st.origin());
            roster.adopt(st); // the ledger restarted its record: its users are the snapshot's alone
            return true;
        }
        return false;
    }

    /**
     * Takes a peer's snapshot of an origin, or returns null if it does not count. If it is ahead,
     * this server's position moves there; either way the origin's users become the snapshot's,
     * with every event delivered here since the snapshot's point applied on top, so users who
     * joined before this server heard of the origin are known too. A snapshot that moved this
     * server or taught it something is to be passed on to its other links, since what it told
     * them of that origin may be behind or incomplete. Of an origin linked here, only its own
     * link's snapshots count: it catches this server up itself.
     */
    Jumped jump(Link from, long lost, PeerMessage.OriginState st, long now) {
        PeerCheck.state(st, now);
        PeerCheck.lost(lost, st);
        long b = origins.bootOf(st.origin());
        long p = origins.deliveredOf(st.origin());
        Link direct = links.holder(st.origin());
        if (st.origin().equals(origins.self()) || st.boot() < b || (direct != null && direct != from)) {
            return null;
        }
        PeerCheck.replacing(roster, st.origin(), roster.usersAfter(st));
        boolean ahead = st.boot() > b || st.seq() > p;
        Ledger.Outcome moved = ahead ? ledger.adopt(st.origin(), st.boot(), st.seq(), now) : Ledger.Outcome.NONE;
        // On the same boot this server counts what it skipped itself; across boots only the sender can.
        long missed = ahead && st.boot() == b ? moved.lost() : lost;
        // Ahead, what it released is applied after; behind, it needs every event since kept, to re-apply.
        Ledger.Replay since = ahead ? new Ledger.Replay(List.of(), 0) : ledger.replay(st.origin(), st.boot(), st.seq());
        boolean learned = since.lost() == 0 && roster.learn(st, since.events());
        byte[] forward = null;
        if (ahead || learned) {
            // Ahead, told as of its own point: the users do not show the released events yet, carried after.
            PeerMessage.OriginState told = ahead ? roster.state(st.origin(), st.boot(), st.seq()) : catchup.state(st.origin());
            forward = PeerCodec.frame(new PeerMessage.Jump(ahead ? Math.max(0, missed) : 0, told));
        }
        return new Jumped(forward, ahead ? missed : 0, new Ledger.Outcome(moved.deliver(), 0, st.origin()));
    }
}
