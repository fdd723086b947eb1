package linkchat.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import linkchat.wire.Frames;

/** The mesh test's counting parts: the tap finds every EVENT however the bytes are split, the tally sums them, graphs are as drawn. */
class EventTapTest {
    private static final List<String> STREAM = List.of(
            "LINKCHAT-HELLO\t1\tm1\t17\tabcd",
            "EVENT\tm1\t17\t1\t1000\tSAY\tala\thello",
            "",
            "PING\t3",
            "EVENT\tm2\t18\t42\t1001\tSAY\tbob\t" + "x".repeat(3 * EventTap.PREFIX),
            "EVENT\tm1\t17\t2\t1002\tLINKS\tm2 m3");

    private static final List<String> IDS = List.of("m1@17#1", "m2@18#42", "m1@17#2");

    @Test
    void everyEventIsFoundWhereverTheBytesAreSplit() throws Exception {
        byte[] bytes = stream();
        for (int split = 0; split <= bytes.length; split++) {
            List<String> ids = new ArrayList<>();
            EventTap tap = new EventTap((origin, boot, seq) -> ids.add(origin + "@" + boot + "#" + seq));
            tap.passed(bytes, 0, split);
            tap.passed(bytes, split, bytes.length - split);
            assertEquals(IDS, ids, "split at " + split);
        }
    }

    @Test
    void oneByteAtATimeToo() throws Exception {
        byte[] bytes = stream();
        List<String> ids = new ArrayList<>();
        EventTap tap = new EventTap((origin, boot, seq) -> ids.add(origin + "@" + boot + "#" + seq));
        for (int i = 0; i < bytes.length; i++) {
            tap.passed(bytes, i, 1);
        }
        assertEquals(IDS, ids);
    }

    @Test
    void theTallyCountsCopiesPerLinkAndPerEvent() {
        EventTally tally = new EventTally(3);
        tally.sink(0).event("m1", 17, 1);
        tally.sink(1).event("m1", 17, 1);
        tally.sink(1).event("m1", 17, 1);
        tally.sink(2).event("m1", 17, 2);
        EventTally.Summary s = tally.summary();
        assertEquals(2, s.events());
        assertEquals(2, s.maxPerLink());
        assertEquals(4.0 / 6, s.meanPerLink(), 1e-9);
        assertEquals(1.0 / 6, s.aboveOne(), 1e-9);
        assertEquals(2.0, s.meanCrossings(), 1e-9);
        assertEquals(1, s.minCrossings());
        assertEquals(4, tally.frames());
    }

    @Test
    void graphsAreConnectedAndHaveTheirEdges() {
        Topology mesh = Topology.fullMesh(16);
        assertEquals(120, mesh.edges().size());
        assertEquals(15, mesh.degree(7));
        Topology random = Topology.randomConnected(16, 16, 12);
        assertEquals(31, random.edges().size());
        assertEquals(random.edges(), Topology.randomConnected(16, 16, 12).edges(), "a seed draws one graph");
        assertEquals(31, Set.copyOf(random.edges()).size(), "no edge twice");
        assertTrue(random.connectedWithout(Set.of()));
        assertFalse(Topology.randomConnected(16, 0, 12).connectedWithout(Set.of(0)), "a tree falls apart without an edge");
    }

    private static byte[] stream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : STREAM) {
            out.write(Frames.encode(p));
        }
        return out.toByteArray();
    }
}
