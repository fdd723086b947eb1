package linkchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import linkchat.server.peer.PeerConfig;
import linkchat.wire.HostPort;

/** Helpers for tests of linked servers: peer configs, waiting for a federation to settle, and exactly-once checks. */
public final class Federated {
    /** Silence timeout for tests that stall a link: short, so the test is quick, but well above scheduling noise. */
    public static final Duration QUICK_SILENCE = Duration.ofMillis(1_500);

    /** Longest a federation may take to settle before a test fails. */
    public static final Duration SETTLE = Duration.ofSeconds(15);

    private Federated() {}

    /** A peer config dialling {@code servers}. */
    public static PeerConfig dialling(HostPort... servers) {
        return PeerConfig.none().withPeers(List.of(servers));
    }

    /** Connects one client named {@code prefix + i} to each server. */
    public static List<RawClient> oneClientEach(List<TestServer> servers, String prefix) {
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            clients.add(servers.get(i).connect(prefix + i));
        }
        return clients;
    }

    /**
     * Asks {@code client} for /who until it lists exactly {@code users} users: each ask is a round
     * trip, with a short pause between asks while links come up.
     */
    public static String awaitUsers(RawClient client, int users) {
        String prefix = "* " + users + (users == 1 ? " user" : " users") + " online";
        return awaitWho(client, reply -> reply.startsWith(prefix));
    }

    /** Asks {@code client} for /who until the reply is exactly {@code expected} (events may still be on their way). */
    public static String awaitWho(RawClient client, String expected) {
        return awaitWho(client, expected::equals);
    }

    private static String awaitWho(RawClient client, Predicate<String> wanted) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            client.send("/who");
            String reply = client.nextMatching(p -> p.matches("\\* \\d+ users? online.*"));
            if (wanted.test(reply)) {
                return reply;
            }
            assertTrue(System.nanoTime() < deadline, "federation did not settle: " + reply);
            pauseBetweenAsks();
        }
    }

    private static void pauseBetweenAsks() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits, asking {@code client} for /who as a round trip between looks, until {@code server}
     * is linked to {@code peer} itself: users counted through a third server say nothing of it.
     */
    public static void awaitLinked(TestServer server, String peer, RawClient client) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!server.server().hub().linkedTo(peer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.server().hub().serverName() + " not linked to " + peer + " within " + SETTLE);
            }
            client.send("/who");
            client.nextMatching(p -> p.matches("\\* \\d+ users? online.*"));
        }
    }

    /**
     * Every client sends {@code messages} numbered lines then "done"; every client must then see
     * every line of every sender exactly once and in each sender's order, and hear of no loss.
     */
    public static void everyoneHearsEveryoneOnce(List<RawClient> clients, List<String> nicks, int messages)
            throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        for (RawClient c : clients) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; n < messages; n++) {
                    c.send("m" + n);
                }
                c.send("done");
            }));
        }
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (RawClient c : clients) {
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    checkStream(c, nicks, messages);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        for (Thread t : readers) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "delivery check failed: " + failures);
    }

    private static void checkStream(RawClient c, List<String> nicks, int messages) {
        Map<String, Integer> next = new HashMap<>();
        Set<String> done = new HashSet<>();
        while (done.size() < nicks.size()) {
            String p = c.next();
            int colon = p.indexOf(": ");
            assertFalse(p.startsWith("* ") && p.contains(" were lost"), "a loss was reported: " + p);
            if (p.startsWith("* ") || colon < 0) {
                continue;
            }
            String nick = p.substring(0, colon);
            String text = p.substring(colon + 2);
            assertTrue(nicks.contains(nick), "line from a stranger: " + p);
            assertFalse(done.contains(nick), "line after done from " + nick + ": " + p);
            int expected = next.getOrDefault(nick, 0);
            if (text.equals("done")) {
                assertEquals(messages, expected, "lines from " + nick + " before its done");
                done.add(nick);
            } else {
                assertEquals("m" + expected, text, "order of lines from " + nick);
                next.put(nick, expected + 1);
            }
        }
        // Nothing more may follow: a round trip to the server flushes anything still in flight here.
        c.send("/who");
        List<String> tail = c.readUntil(p -> p.matches("\\* \\d+ users? online.*"));
        for (String p : tail) {
            assertTrue(p.startsWith("* "), "line after everyone was done: " + p);
        }
    }
}
