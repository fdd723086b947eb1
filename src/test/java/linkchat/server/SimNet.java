package linkchat.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import linkchat.store.Journal;
import linkchat.wire.FrameException;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * Hubs joined by in-memory links, run on the calling thread alone: every choice (which frame
 * moves next, which link is cut, which end notices first, when the clock moves) is drawn from
 * one seed, so a failing seed replays exactly.
 *
 * <p>A connection behaves as TCP does and no worse: each direction is one FIFO pipe, frames
 * are never reordered or duplicated within it, a cut loses what was in flight, each end learns
 * of a cut on its own (an end may stay half-open for a while, sending into nothing), and frames
 * reach a hub only once its {@link Hub#linkUp} returned, as PeerLink reads only then. Reorders
 * and duplicates come from where they come in a real federation: several paths to one origin,
 * and the catch-up that replays events after every reconnect. A server may also restart
 * ({@link Node#restart}): a new process in a new boot, without a log, its old clients gone.
 */
final class SimNet {
    /** Where the simulated clock starts, ms: a plausible wall-clock time, so PeerCheck's bounds hold. */
    static final long EPOCH = 1_750_000_000_000L;

    /** How often each hub's heartbeat calls {@link Hub#tick}, ms of simulated time. */
    static final long TICK_MS = 1_000;

    final SplittableRandom random;
    final List<Node> nodes = new ArrayList<>();
    final List<Conn> conns = new ArrayList<>();
    /** Every step taken, for the message of a failing seed. */
    final List<String> trace = new ArrayList<>();
    /** Clients whose server restarted under them: gone, but what they were sent still counts. */
    final List<SimClient> gone = new ArrayList<>();
    /** What broke a rule only a buggy federation breaks (a peer refused as implausible). */
    final List<String> problems = new ArrayList<>();
    long now = EPOCH;
    private long lastTick = EPOCH;

    SimNet(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Adds a hub named {@code name}, keeping {@code keepEvents} events for replay. */
    Node hub(String name, int keepEvents) {
        Node n = new Node(name, keepEvents);
        nodes.add(n);
        return n;
    }

    Node node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
    }

    /** One server: its hub (the process running now) and its clients. */
    final class Node {
        final String name;
        private final int keepEvents;
        Hub hub;
        final List<SimClient> clients = new ArrayList<>();
        /** Clients it ever had, the gone included: each client's number. */
        private int joined;
        /** Times it restarted. */
        int restarts;

        Node(String name, int keepEvents) {
            this.name = name;
            this.keepEvents = keepEvents;
            hub = newHub(EPOCH - 1_000 + nodes.size());
        }

        private Hub newHub(long boot) {
            return new Hub(name, boot, keepEvents, 0, 0, new Hub.Env(() -> now, () -> now * 1_000_000, random.split()), Journal.NONE);
        }

        /**
         * The process dies and starts again without a log, so in a new boot: its ends of every
         * connection are gone (their peers notice as they notice any cut), and its clients with it.
         */
        void restart() {
            for (Conn c : conns) {
                if (c.a.at == this || c.b.at == this) {
                    c.at(this).down = true;
                    c.cut(name + " restarted");
                }
            }
            gone.addAll(clients);
            clients.clear();
            restarts++;
            hub = newHub(Math.max(now, hub.boot() + 1));
            step(name + " restarted as boot " + hub.boot());
        }

        SimClient join() {
            SimClient c = new SimClient(SimNet.this, this, name + "." + joined++);
            clients.add(c);
            return c;
        }
    }

    /** One connection, dialled by {@code a}; it is cut once, for good. */
    final class Conn {
        final End a;
        final End b;
        boolean cut;

        Conn(Node dialler, Node acceptor) {
            boolean preferred = dialler.name.compareTo(acceptor.name) < 0;
            a = new End(this, dialler, acceptor, preferred);
            b = new End(this, acceptor, dialler, preferred);
            a.other = b;
            b.other = a;
        }

        void cut(String why) {
            if (!cut) {
                cut = true;
                a.inbox.clear();
                b.inbox.clear();
                step("cut " + this + ": " + why);
            }
        }

        /** The end at {@code n}. */
        End at(Node n) {
            return a.at == n ? a : b;
        }

        boolean between(Node x, Node y) {
            return (a.at == x && b.at == y) || (a.at == y && b.at == x);
        }

        @Override
        public String toString() {
            return a.at.name + "->" + b.at.name + "#" + conns.indexOf(this);
        }
    }

    /** One end of a connection: the {@link Link} its hub sees, and the frames in flight to that hub. */
    final class End implements Link {
        final Conn conn;
        final Node at;
        final Node peer;
        /** The boot of the peer's process when the connection was dialled: a restart does not change whom it reached. */
        final long peerBoot;
        final boolean preferred;
        End other;
        final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        boolean up;
        /** Its hub is done with it: told it went down, or refused it. */
        boolean down;
        boolean held;
        /** Half-open: this end does not notice a cut (a heartbeat that has not fired yet). */
        boolean blind;

        End(Conn conn, Node at, Node peer, boolean preferred) {
            this.conn = conn;
            this.at = at;
            this.peer = peer;
            this.peerBoot = peer.hub.boot();
            this.preferred = preferred;
        }

        @Override
        public String peerName() {
            return peer.name;
        }

        @Override
        public long peerBoot() {
            return peerBoot;
        }

        @Override
        public boolean preferred() {
            return preferred;
        }

        @Override
        public void send(byte[] frame) {
            if (!conn.cut) {
                other.inbox.add(frame);
            }
        }

        @Override
        public boolean answers(Duration within) {
            return !conn.cut;
        }

        @Override
        public void close(String reason) {
            conn.cut(at.name + " closed it: " + reason);
        }

        boolean canLinkUp() {
            return !up && !down && !conn.cut;
        }

        boolean canDeliver() {
            return up && !down && !held && !conn.cut && !inbox.isEmpty();
        }

        boolean canLinkDown() {
            return up && !down && conn.cut && !blind;
        }

        void linkUp() {
            Optional<String> refused;
            try {
                refused = at.hub.linkUp(this);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            step(at.name + " linkUp " + conn + refused.map(r -> " refused: " + r).orElse(""));
            if (refused.isPresent()) {
                down = true;
                conn.cut("refused by " + at.name);
            } else {
                up = true;
            }
        }

        void deliverOne() {
            byte[] frame = inbox.removeFirst();
            String payload = new String(frame, Frames.HEADER_SIZE, frame.length - Frames.HEADER_SIZE, StandardCharsets.UTF_8);
            PeerMessage m;
            try {
                m = PeerCodec.decode(payload);
            } catch (FrameException e) {
                throw new AssertionError("a hub sent a frame its peer cannot read: " + payload, e);
            }
            step(at.name + " <- " + peer.name + " " + payload);
            try {
                at.hub.receive(this, m);
            } catch (Implausible e) {
                problems.add(at.name + " refused " + peer.name + ": " + e.getMessage());
                conn.cut("implausible: " + e.getMessage());
            }
        }

        void linkDown() {
            down = true;
            at.hub.linkDown(this, "cut");
            step(at.name + " linkDown " + conn);
        }
    }

    /** Dials {@code to} from {@code from}: a new connection whose ends come up as the schedule says. */
    Conn dial(Node from, Node to) {
        Conn c = new Conn(from, to);
        conns.add(c);
        step("dial " + c);
        return c;
    }

    /** The live connection between two nodes, if any. */
    Optional<Conn> live(Node x, Node y) {
        return conns.stream().filter(c -> !c.cut && c.between(x, y)).findFirst();
    }

    /** Every network step possible now: an end coming up, a frame arriving, an end noticing a cut. */
    List<Runnable> networkSteps() {
        List<Runnable> out = new ArrayList<>();
        for (Conn c : conns) {
            if (c.cut && (c.a.down || !c.a.up) && (c.b.down || !c.b.up)) {
                continue; // done with: both ends are down or never came up
            }
            for (End e : List.of(c.a, c.b)) {
                if (e.canLinkUp()) {
                    out.add(e::linkUp);
                } else if (e.canDeliver()) {
                    out.add(e::deliverOne);
                } else if (e.canLinkDown()) {
                    out.add(e::linkDown);
                }
            }
        }
        return out;
    }

    /** Takes one network step chosen by the seed; false if there was none. */
    boolean networkStep() {
        List<Runnable> steps = networkSteps();
        if (steps.isEmpty()) {
            return false;
        }
        steps.get(random.nextInt(steps.size())).run();
        return true;
    }

    /** Runs the network until no step is left (every frame arrived, every end up or down). */
    void settle() {
        for (int i = 0; networkStep(); i++) {
            if (i > 1_000_000) {
                throw new AssertionError("the network never settled");
            }
        }
    }

    /** Moves the clock on by {@code ms}, each hub's heartbeat ticking on the way. */
    void advance(long ms) {
        long until = now + ms;
        while (lastTick + TICK_MS <= until) {
            lastTick += TICK_MS;
            now = lastTick;
            nodes.forEach(n -> n.hub.tick());
        }
        now = until;
    }

    /** Connects two nodes and settles, for scripted tests. */
    Conn link(String from, String to) {
        Conn c = dial(node(from), node(to));
        settle();
        return c;
    }

    /** The live connection between two named nodes. */
    Conn conn(String x, String y) {
        return live(node(x), node(y)).orElseThrow();
    }

    /** Cuts the connection between two named nodes, and settles. */
    void cut(String x, String y) {
        conn(x, y).cut("cut by the test");
        settle();
    }

    /** A node's /who, as a client is shown it. */
    List<String> who(Node n) {
        return Roster.sorted(n.hub.who());
    }

    void step(String what) {
        trace.add(now - EPOCH + "ms " + what);
    }

    /** The last steps taken, for a failure's message. */
    String tail(int steps) {
        return String.join("\n", trace.subList(Math.max(0, trace.size() - steps), trace.size()));
    }
}
