package linkchat.soak;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.TestServer;
import linkchat.wire.HostPort;

/**
 * Servers on loopback linked as a {@link Topology} says, every link through a {@link LinkProxy}
 * of its own, so that any link can be cut and restored and the EVENT frames crossing it counted.
 * Closed by try-with-resources; {@link #cut}, {@link #restore} and {@link #countInto} may be
 * called from any thread.
 */
final class Mesh implements AutoCloseable {
    /** How often the links' state is looked at while waiting for them: there is no round trip to wait on. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Topology topology;
    private final List<TestServer> servers = new ArrayList<>();
    private final LinkProxy[] proxies;
    private final AtomicReference<EventTally> tally = new AtomicReference<>();

    private Mesh(Topology topology) {
        this.topology = topology;
        this.proxies = new LinkProxy[topology.edges().size()];
        tally.set(new EventTally(proxies.length));
    }

    /** Starts every server, lowest number first, each dialling its lower neighbours through their links' proxies. */
    static Mesh start(Topology topology) {
        Mesh mesh = new Mesh(topology);
        try {
            for (int s = 0; s < topology.servers(); s++) {
                List<HostPort> dials = new ArrayList<>();
                for (int e : topology.dialledBy(s)) {
                    mesh.proxies[e] = mesh.proxy(e);
                    dials.add(mesh.proxies[e].address());
                }
                mesh.servers.add(TestServer.start(ServerConfig.loopback("m" + s), Federated.dialling(dials.toArray(HostPort[]::new))));
            }
            return mesh;
        } catch (RuntimeException | Error e) {
            mesh.close();
            throw e;
        }
    }

    /** The proxy for edge {@code e}, each direction of each connection counted into the tally of the moment. */
    private LinkProxy proxy(int e) {
        TestServer target = servers.get(topology.edges().get(e).low());
        return new LinkProxy(target.address(), () -> new EventTap((origin, boot, seq) -> tally.get().sink(e).event(origin, boot, seq)));
    }

    /** From now on, EVENT frames are counted into {@code next}; returns it. */
    EventTally countInto(EventTally next) {
        tally.set(next);
        return next;
    }

    /** A fresh tally sized for this mesh's links. */
    EventTally newTally() {
        return new EventTally(proxies.length);
    }

    Topology topology() {
        return topology;
    }

    /** Where clients connect, server 0 first. */
    List<InetSocketAddress> clientAddresses() {
        return servers.stream().map(s -> new InetSocketAddress("127.0.0.1", s.port())).toList();
    }

    /** Cuts link {@code e}: both its sockets closed, new connections refused until {@link #restore}. */
    void cut(int e) {
        proxies[e].cut();
    }

    /** Lets link {@code e} be dialled again. */
    void restore(int e) {
        proxies[e].restore();
    }

    /** True once every server has as many live links as its topology gives it, false if {@code max} passed first. */
    boolean awaitLinked(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!linked()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(POLL);
        }
        return true;
    }

    private boolean linked() {
        for (int s = 0; s < servers.size(); s++) {
            if (servers.get(s).server().hub().linkCount() != topology.degree(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until {@code tally} has counted no new frame for {@code quiet}, at most {@code max}:
     * once every client has every line, the copies that lost the race to each server may still
     * be between a server and a proxy, and nothing tells when the last has passed.
     */
    static void awaitQuiet(EventTally tally, Duration quiet, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        long before = tally.frames();
        do {
            pause(quiet);
            long now = tally.frames();
            if (now == before) {
                return;
            }
            before = now;
        } while (System.nanoTime() < deadline);
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Closes the servers, each in a thread of its own since each waits for its links to end, then the proxies. */
    @Override
    public void close() {
        List<Thread> closing = servers.stream().map(s -> Thread.ofVirtual().start(s::close)).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Arrays.stream(proxies).filter(p -> p != null).forEach(LinkProxy::close);
    }
}
