package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.store.Journal;
import linkchat.wire.Event;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/** What a server sends a peer after its SYNCED, by what the peer said it knows of each origin. */
class CatchupTest {
    private static final long BOOT = 100;

    private final Origins origins = new Origins("s1", BOOT);
    private final Ledger ledger = new Ledger(origins, 100, 0, Journal.NONE, () -> false);
    private final Roster roster = new Roster(origins);
    private final Catchup catchup = new Catchup(origins, ledger, roster);
    private final Link link = new Link() {
        @Override
        public String peerName() {
            return "s2";
        }

        @Override
        public long peerBoot() {
            return BOOT;
        }

        @Override
        public boolean preferred() {
            return true;
        }

        @Override
        public void send(byte[] frame) {
        }

        @Override
        public boolean answers(java.time.Duration within) {
            return true;
        }

        @Override
        public void close(String reason) {
        }
    };

    private void local(Event event) {
        Stamped s = ledger.stamp(event, 0);
        roster.apply(s);
    }

    private List<PeerMessage> syncAfterHearing(long seq, boolean complete) {
        catchup.heard(link, new PeerMessage.OriginState("s1", BOOT, seq, List.of(), List.of(), complete));
        return catchup.synced(link);
    }

    @Test
    void aLevelPeerWithCompleteKnowledgeGetsNothing() {
        local(new Event.Joined("ala"));
        assertEquals(List.of(), syncAfterHearing(1, true));
    }

    @Test
    void aPeerThatHeardMidStreamGetsTheUsersEvenWhenLevel() {
        local(new Event.Joined("ala"));
        local(new Event.Said("ala", "hi"));
        List<PeerMessage> out = syncAfterHearing(2, false);
        assertEquals(1, out.size(), out.toString());
        PeerMessage.Jump jump = (PeerMessage.Jump) out.getFirst();
        assertEquals(0, jump.lost());
        assertEquals(List.of("ala"), jump.state().users().stream().map(PeerMessage.User::nick).toList());
        assertEquals(true, jump.state().complete());
    }

    @Test
    void aPeerThatIsAheadGetsNoOlderSnapshotEvenIfItsKnowledgeIsIncomplete() {
        local(new Event.Joined("ala"));
        assertEquals(List.of(), syncAfterHearing(5, false));
    }

    @Test
    void aBehindPeerThatHeardMidStreamGetsTheEventsThenTheUsers() {
        local(new Event.Joined("ala"));
        local(new Event.Said("ala", "hi"));
        local(new Event.Said("ala", "again"));
        List<PeerMessage> out = syncAfterHearing(2, false);
        assertEquals(2, out.size(), out.toString());
        assertEquals(3, ((PeerMessage.Carry) out.get(0)).stamped().seq());
        assertEquals(3, ((PeerMessage.Jump) out.get(1)).state().seq());
    }
}
