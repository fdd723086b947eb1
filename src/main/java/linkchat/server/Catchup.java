package linkchat.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import linkchat.wire.PeerMessage;

/**
 * What to send a peer that just told what it knows of each origin (docs/PROTOCOL.md, 3.4):
 * nothing where it is level, replayed events where it is behind, a jump where it never heard of
 * an origin or where the replay log no longer holds what it missed, and a snapshot of the users
 * where it heard of an origin mid-stream and may not know them all. Holds each link's states
 * until its SYNCED; reads the {@link Origins} records (through the {@link Roster}) and the
 * {@link Ledger}'s replay log, changes neither. Not thread-safe: the {@link Hub} calls it under
 * its lock.
 */
final class Catchup {
    private final Origins origins;
    private final Ledger ledger;
    private final Roster roster;
    private final Map<Link, Map<String, PeerMessage.OriginState>> heard = new HashMap<>();

    Catchup(Origins origins, Ledger ledger, Roster roster) {
        this.origins = origins;
        this.ledger = ledger;
        this.roster = roster;
    }

    /** What this server knows of {@code origin}, read from its one record: its boot, the last seq delivered, its users and links. */
    PeerMessage.OriginState state(String origin) {
        return roster.state(origin);
    }

    /** What to tell a peer whose link just came up: an ORIGIN per origin known here, then SYNCED. */
    List<PeerMessage> announce() {
        List<PeerMessage> out = new ArrayList<>();
        for (String origin : origins.names()) {
            out.add(new PeerMessage.Origin(state(origin)));
        }
        out.add(new PeerMessage.Synced());
        return out;
    }

    /**
     * The peer on {@code link} told what it knows of one origin. Only its position is kept (the
     * users and links are not needed to choose what to send), and at most {@link Origins#MAX_ORIGINS}
     * origins per link: a peer that tells of more is refused, as is one whose state of itself
     * names another boot than its handshake did.
     */
    void heard(Link link, PeerMessage.OriginState state) {
        if (state.origin().equals(link.peerName()) && state.boot() != link.peerBoot()) {
            throw new Implausible(state.origin() + " tells of its boot " + state.boot() + " but linked as boot " + link.peerBoot());
        }
        Map<String, PeerMessage.OriginState> told = heard.computeIfAbsent(link, k -> new HashMap<>());
        if (!told.containsKey(state.origin()) && told.size() >= Origins.MAX_ORIGINS) {
            throw new Implausible("told of more than " + Origins.MAX_ORIGINS + " origins");
        }
        told.put(state.origin(), new PeerMessage.OriginState(state.origin(), state.boot(), state.seq(),
                List.of(), List.of(), state.complete()));
    }

    /** The link went down before its SYNCED: drop what it told. */
    void forget(Link link) {
        heard.remove(link);
    }

    /** The peer on {@code link} is done telling: the messages to send it, in order. */
    List<PeerMessage> synced(Link link) {
        Map<String, PeerMessage.OriginState> byOrigin = heard.remove(link);
        if (byOrigin == null) {
            byOrigin = Map.of();
        }
        List<PeerMessage> out = new ArrayList<>();
        for (String origin : origins.names()) {
            long boot = origins.bootOf(origin);
            long seq = origins.deliveredOf(origin);
            PeerMessage.OriginState their = byOrigin.get(origin);
            if (their == null) {
                out.add(new PeerMessage.Jump(0, state(origin)));
            } else if (their.boot() < boot || (their.boot() == boot && their.seq() < seq)) {
                long after = their.boot() == boot ? their.seq() : 0;
                Ledger.Replay replay = ledger.replay(origin, boot, after);
                if (replay.lost() > 0) {
                    out.add(new PeerMessage.Jump(replay.lost(), roster.state(origin, boot, after + replay.lost())));
                }
                replay.events().forEach(s -> out.add(new PeerMessage.Carry(s)));
            }
            boolean levelOrBehind = their != null
                    && (their.boot() < boot || (their.boot() == boot && their.seq() <= seq));
            if (levelOrBehind && !their.complete()) {
                // It heard of the origin mid-stream and its WANT may have gone down with another
                // link: once level, it gets the users it may have missed. A peer that is ahead
                // gets nothing: an older snapshot would undo what it knows.
                out.add(new PeerMessage.Jump(0, state(origin)));
            }
        }
        return out;
    }
}
