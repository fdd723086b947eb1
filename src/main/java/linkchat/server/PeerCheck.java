package linkchat.server;

import linkchat.wire.Event;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * The bounds a peer's events and origin states must keep before the {@link Hub} takes anything
 * of them (docs/PROTOCOL.md, 3.7). Each check throws {@link Implausible} with the reason the link
 * is then refused for. Stateless.
 */
public final class PeerCheck {
    /**
     * How far in this server's future a boot may be: boots are start times in ms, so only clock
     * skew puts one ahead. Bounds how long a forged "newer" boot can outrank a real one.
     */
    public static final long MAX_BOOT_SKEW_MS = 5 * 60_000;

    /**
     * Events an origin can stamp per millisecond of its run: a million a second, far past what one
     * server reaches. Bounds the seq a peer can claim, so no position can be pushed to the end of
     * the number range (where every later event of that origin would look like an old copy).
     */
    static final long MAX_EVENTS_PER_MS = 1_000;

    /**
     * Users one origin may have, joined one by one or in a snapshot: as many as one snapshot may
     * list ({@link PeerCodec#MAX_STATE_USERS}), so every origin's users can be told in a state.
     * Links one origin may list are capped by the codec as they arrive ({@link PeerCodec#MAX_LINKS}).
     */
    static final int MAX_USERS_PER_ORIGIN = PeerCodec.MAX_STATE_USERS;

    /**
     * Users of all other origins together, however many origins there are: two origins at
     * {@link #MAX_USERS_PER_ORIGIN}, eight times the default {@code --max-clients}. A user costs
     * the roster about a kilobyte (nick, key, entries; a peer filling four origins' worth left the
     * server at 438 MB resident), so this keeps a full roster near 150 MB, room beside the other
     * bounds in a 1 GB heap; without it, 4,096 origins of 65,536 users each could claim hundreds
     * of GB.
     */
    static final int MAX_USERS = 2 * MAX_USERS_PER_ORIGIN;

    private PeerCheck() {}

    /** Refuses a boot that is negative or further ahead of {@code now} than the skew allows. */
    public static void boot(String origin, long boot, long now) {
        if (boot < 0 || boot > now + MAX_BOOT_SKEW_MS) {
            throw new Implausible("boot " + boot + " of " + origin + " is "
                    + (boot < 0 ? "negative" : (boot - now) / 1_000 + " s in the future"));
        }
    }

    /** Refuses a seq below {@code min} or beyond what the origin could have stamped since its boot. */
    static void seq(String origin, long boot, long seq, long min, long now) {
        long most = (now + MAX_BOOT_SKEW_MS - boot) * MAX_EVENTS_PER_MS;
        if (seq < min || seq > most) {
            throw new Implausible("seq " + seq + " of " + origin + " is out of range (" + min + " to " + most + ")");
        }
    }

    /** Checks one event from a peer: its boot and its seq. */
    static void event(Stamped s, long now) {
        boot(s.origin(), s.boot(), now);
        seq(s.origin(), s.boot(), s.seq(), 1, now);
    }

    /** Checks one origin state from a peer: its boot, its seq, and its users and links within their caps. */
    static void state(PeerMessage.OriginState st, long now) {
        boot(st.origin(), st.boot(), now);
        seq(st.origin(), st.boot(), st.seq(), 0, now);
        users(st.origin(), st.users().size());
    }

    /**
     * Checked before anything of a snapshot is taken: {@code origin}'s users replaced by
     * {@code users} of them must stay within the origin's cap and, with every other server's,
     * within the cap of all.
     */
    static void replacing(Roster roster, String origin, int users) {
        users(origin, users);
        allUsers(origin, roster.othersUsers() - roster.usersOf(origin) + users);
    }

    /** A JOINED must leave its origin's users, and all other servers' users together, within their caps. */
    static void join(Stamped s, Roster roster, String self) {
        if (s.event() instanceof Event.Joined) {
            users(s.origin(), roster.usersOf(s.origin()) + 1);
            if (!s.origin().equals(self)) {
                allUsers(s.origin(), roster.othersUsers() + 1);
            }
        }
    }

    /** Refuses a roster whose other origins would hold more than {@link #MAX_USERS} users together. */
    static void allUsers(String origin, int users) {
        if (users > MAX_USERS) {
            throw new Implausible("users of " + origin + " would take the servers linked here past " + MAX_USERS + " users");
        }
    }

    /**
     * Refuses a jump that claims more events lost than its state's origin stamped: a sender can
     * only have skipped events up to the state's seq.
     */
    static void lost(long lost, PeerMessage.OriginState st) {
        if (lost > st.seq()) {
            throw new Implausible("jump of " + st.origin() + " claims " + lost + " events lost, more than its seq " + st.seq());
        }
    }

    /** Refuses an origin with more users than {@link #MAX_USERS_PER_ORIGIN}. */
    static void users(String origin, int users) {
        if (users > MAX_USERS_PER_ORIGIN) {
            throw new Implausible(origin + " would have more than " + MAX_USERS_PER_ORIGIN + " users");
        }
    }
}
