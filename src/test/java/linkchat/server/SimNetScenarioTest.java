package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Event;
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
        SimNet.Client far = hub("s3", 100).join();
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
    private List<SimNet.Client> clashAfterSplit(long s2first) {
        SimNet.Client one = hub("s1", 100).join();
        SimNet.Client two = hub("s2", 100).join();
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
        List<SimNet.Client> c = clashAfterSplit(0);
        assertEquals("ann", c.get(0).nick());
        assertTrue(c.get(1).nick().startsWith("guest-"), c.get(1).nick());
        assertTrue(c.get(1).lines().contains("* a user on s1 held ann first; you are renamed"), c.get(1).lines().toString());
        assertEquals(net.who(net.node("s1")), net.who(net.node("s2")));
    }

    @Test
    void aClashGoesToTheEarlierClaimWhateverTheNames() {
        List<SimNet.Client> c = clashAfterSplit(5);
        assertEquals("ann", c.get(1).nick());
        assertTrue(c.get(0).nick().startsWith("guest-"), c.get(0).nick());
        assertEquals(net.who(net.node("s1")), net.who(net.node("s2")));
    }

    @Test
    void eventsNoLongerKeptAreSkippedAtOnceDownAWholeLineAndTheirUsersStillLearned() {
        SimNet.Client talker = hub("s1", 3).join();
        SimNet.Client near = hub("s2", 100).join();
        SimNet.Client far = hub("s3", 100).join();
        net.link("s1", "s2");
        net.link("s2", "s3");
        net.cut("s1", "s2");
        talker.rename("zed");
        List<String> said = List.of(talker.say(), talker.say(), talker.say(), talker.say(), talker.say());
        net.link("s1", "s2");
        // No time passes: nothing waits for a gap to time out.
        for (SimNet.Client c : List.of(near, far)) {
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
}
