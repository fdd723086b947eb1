package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/** Scripted runs of a {@link SimNet}: the cases a random run meets too seldom to be sure of. */
class SimNetScenarioTest {
    private final SimNet net = new SimNet(1);

    private SimNet.Node hub(String name, int keepEvents) {
        return net.hub(name, keepEvents);
    }

    @Test
    void aServerBehindAHalfOpenLinkIsUnreachableOnceItsOwnListSaysSo() {
        hub("s1", 100).join();
        hub("s2", 100).join();
        SimClient far = hub("s3", 100).join();
        net.link("s1", "s2");
        net.link("s1", "s3");
        SimNet.Conn c23 = net.link("s2", "s3");
        assertTrue(net.who(net.node("s1")).contains(far.nick() + " (s3)"));
        c23.at(net.node("s2")).blind = true; // s2 has not noticed yet: it still lists s3
        net.cut("s2", "s3");
        net.cut("s1", "s3");
        List<String> who = net.who(net.node("s1"));
        assertFalse(who.contains(far.nick() + " (s3)"),
                "s3 lists no link to s2, so s2's stale list must not make it reachable: " + who);
    }

    /** Two clients take {@code nick} on the two sides of a split, {@code s2first} ms apart; returns them once healed. */
    private List<SimClient> clashAfterSplit(long s2first) {
        SimClient one = hub("s1", 100).join();
        SimClient two = hub("s2", 100).join();
        net.link("s1", "s2");
        net.cut("s1", "s2");
        two.rename("ann");
        net.advance(s2first);
        one.rename("ann");
        net.link("s1", "s2");
        net.settle();
        return List.of(one, two);
    }

    @Test
    void aClashTakenInTheSameMillisecondGoesToTheLowerServerName() {
        List<SimClient> c = clashAfterSplit(0);
        assertEquals("ann", c.get(0).nick());
        assertTrue(c.get(1).nick().startsWith("guest-"), c.get(1).nick());
        assertTrue(c.get(1).lines().contains("* a user on s1 held ann first; you are renamed"), c.get(1).lines().toString());
        assertEquals(net.who(net.node("s1")), net.who(net.node("s2")));
    }

    @Test
    void aClashGoesToTheEarlierClaimWhateverTheNames() {
        List<SimClient> c = clashAfterSplit(5);
        assertEquals("ann", c.get(1).nick());
        assertTrue(c.get(0).nick().startsWith("guest-"), c.get(0).nick());
        assertEquals(net.who(net.node("s1")), net.who(net.node("s2")));
    }

    @Test
    void eventsNoLongerKeptAreSkippedAtOnceDownAWholeLineAndTheirUsersStillLearned() {
        SimClient talker = hub("s1", 3).join();
        SimClient near = hub("s2", 100).join();
        SimClient far = hub("s3", 100).join();
        net.link("s1", "s2");
        net.link("s2", "s3");
        net.cut("s1", "s2");
        talker.rename("zed");
        List<String> said = List.of(talker.say(), talker.say(), talker.say(), talker.say(), talker.say());
        net.link("s1", "s2");
        // No time passes: nothing waits for a gap to time out.
        for (SimClient c : List.of(near, far)) {
            assertEquals(net.who(net.node("s1")), net.who(c.at), c.at.name + " learned zed from the JUMP");
            assertTrue(c.lines().stream().anyMatch(l -> l.equals("zed: " + said.getLast())), c.at.name + " got the last line: " + c.lines());
            assertTrue(c.lines().stream().anyMatch(l -> l.matches("\\* \\d+ events from s1 were lost.*")), c.lines().toString());
        }
    }

    @Test
    void anEventOfAnOriginNeverHeardOfIsAnsweredWithAWant() {
        hub("s1", 100);
        hub("s2", 100);
        SimNet.Conn c = net.link("s1", "s2");
        SimNet.End atS1 = c.at(net.node("s1"));
        Stamped stranger = new Stamped("s9", SimNet.EPOCH, 5, net.now, new Event.Said("x", "hello"));
        atS1.inbox.add(PeerCodec.frame(new PeerMessage.Carry(stranger)));
        atS1.deliverOne();
        assertTrue(atS1.other.inbox.stream().anyMatch(f -> java.util.Arrays.equals(f, PeerCodec.frame(new PeerMessage.Want("s9")))),
                "s1 asks s2 for what it missed of s9");
    }

    @Test
    void aServerSeenInANewBootIsToldOfWithThatBootsUsersAloneThoughItsOldEventsStillArrive() throws Exception {
        hub("s1", 100);
        SimClient early = hub("s2", 100).join();
        hub("s3", 100);
        net.link("s1", "s2");
        net.link("s2", "s3");
        SimNet.End s1FromS3 = net.link("s1", "s3").at(net.node("s1"));
        net.cut("s1", "s2");
        s1FromS3.held = true;
        SimClient late = net.node("s2").join(); // its join reaches s1 only through s3, and waits there
        net.settle();
        net.node("s2").restart();
        net.settle();
        SimNet.Conn again = net.dial(net.node("s1"), net.node("s2"));
        again.at(net.node("s1")).linkUp(); // s1 sees s2's new boot before any of that boot's events
        again.at(net.node("s1")).held = true;
        s1FromS3.held = false;
        net.settle(); // the old boot's join arrives at s1 only now
        for (SimClient gone : List.of(early, late)) {
            assertFalse(net.who(net.node("s1")).contains(gone.nick() + " (s2)"), gone.nick() + " went with s2's old boot");
        }
        s1FromS3.inbox.add(PeerCodec.frame(new PeerMessage.Want("s2")));
        s1FromS3.deliverOne();
        byte[] answer = s1FromS3.other.inbox.getLast();
        PeerMessage.OriginState told = ((PeerMessage.Jump) PeerCodec.decode(
                new String(answer, Frames.HEADER_SIZE, answer.length - Frames.HEADER_SIZE, StandardCharsets.UTF_8))).state();
        assertEquals(new PeerMessage.OriginState("s2", net.node("s2").hub.boot(), 0, List.of(), List.of(), false), told,
                "what s1 tells of s2 pairs one boot's position with that boot's users");
        again.at(net.node("s1")).held = false;
        net.settle();
        assertEquals(net.who(net.node("s2")), net.who(net.node("s1")));
    }
}
