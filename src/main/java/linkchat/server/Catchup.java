package linkchat.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import linkchat.wire.PeerMessage;

/**
 * What to send a peer that just told what it knows of each origin (docs/PROTOCOL.md, 3.4):
 * nothing where it is level, replayed events where it is behind, a jump where it never heard of
 * an origin or where the replay log no longer holds what it missed. Stateless.
 */
final class Catchup {
    private Catchup() {}

    /** The messages, in the order to send them; reads {@code ledger} and {@code roster}, changes neither. */
    static List<PeerMessage> plan(Ledger ledger, Roster roster, List<PeerMessage.OriginState> theirs) {
        Map<String, PeerMessage.OriginState> byOrigin = new HashMap<>();
        theirs.forEach(st -> byOrigin.put(st.origin(), st));
        List<PeerMessage> out = new ArrayList<>();
        for (String origin : ledger.origins()) {
            long boot = ledger.bootOf(origin);
            long seq = ledger.deliveredOf(origin);
            PeerMessage.OriginState their = byOrigin.get(origin);
            if (their == null) {
                out.add(new PeerMessage.Jump(0, roster.state(origin, boot, seq)));
            } else if (their.boot() < boot || (their.boot() == boot && their.seq() < seq)) {
                long after = their.boot() == boot ? their.seq() : 0;
                Ledger.Replay replay = ledger.replay(origin, boot, after);
                if (replay.lost() > 0) {
                    out.add(new PeerMessage.Jump(replay.lost(), roster.state(origin, boot, after + replay.lost())));
                }
                replay.events().forEach(s -> out.add(new PeerMessage.Carry(s)));
            }
        }
        return out;
    }
}
