package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.wire.Command;
import linkchat.testing.TestServer;

class ChatServerTest {
    @Test
    void aMessageReachesEveryClientTheSenderIncludedExactlyOnce() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob");
                RawClient cid = server.connect("cid")) {
            ala.send("hello all");
            ala.send("end");
            ala.send("/who");
            for (RawClient c : List.of(ala, bob, cid)) {
                // Read past a later line: a copy of the first would show up before it.
                List<String> lines = c.readUntil(p -> p.equals("ala: end"));
                assertEquals(1, lines.stream().filter(p -> p.equals("ala: hello all")).count(), lines.toString());
            }
            // The /who reply comes after the line in ala's stream: nothing was repeated before it.
            List<String> rest = ala.readUntil(p -> p.startsWith("* 3 users online"));
            assertEquals(List.of("* 3 users online: ala (s1), bob (s1), cid (s1)"), rest);
        }
    }

    @Test
    void theSameTextSentTwiceArrivesTwice() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("again");
            ala.send("again");
            ala.send("/who");
            bob.readUntil(p -> p.equals("ala: again"));
            assertEquals("ala: again", bob.next());
            assertEquals(2, ala.readUntil(p -> p.startsWith("* 2 users online")).stream()
                    .filter(p -> p.equals("ala: again")).count());
        }
    }

    @Test
    void manySendersEachSeeEveryMessageOnceInOrder() throws Exception {
        int senders = 4;
        int perSender = 300;
        try (TestServer server = TestServer.start("s1")) {
            List<RawClient> clients = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                clients.add(server.connect("u" + i));
            }
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                RawClient c = clients.get(i);
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int n = 0; n < perSender; n++) {
                        c.send("m" + n);
                    }
                    c.send("done");
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (RawClient c : clients) {
                int[] next = new int[senders];
                int done = 0;
                while (done < senders) {
                    String p = c.next();
                    if (!p.startsWith("u")) {
                        continue;
                    }
                    int sender = p.charAt(1) - '0';
                    String text = p.substring(p.indexOf(": ") + 2);
                    if (text.equals("done")) {
                        assertEquals(perSender, next[sender], "all of u" + sender + " before its done");
                        done++;
                    } else {
                        assertEquals("m" + next[sender], text, "order from u" + sender);
                        next[sender]++;
                    }
                }
            }
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void serversThatMeetLaterSeldomHaveGivenTheSameGuestNick() {
        // Counting guests from 1 on every server gave both first clients guest-1, a clash as
        // soon as the servers linked; drawn at random, two names meet once in 100,000.
        try (TestServer s1 = TestServer.start("s1");
                TestServer s2 = TestServer.start("s2");
                RawClient ala = RawClient.connect(s1.port());
                RawClient bob = RawClient.connect(s2.port())) {
            String first = ala.nextStartingWith("* welcome");
            String second = bob.nextStartingWith("* welcome");
            assertTrue(first.matches("\\* welcome to s1, you are guest-[0-9]+; .*"), first);
            assertNotEquals(first.replace("s1", "s2"), second);
        }
    }

    @Test
    void theOriginalClientTalksAndLeavesWithDisconnect() {
        try (TestServer server = TestServer.start("s1");
                RawClient bob = server.connect("bob");
                RawClient original = server.connect()) {
            original.sendLikeOriginal("dzien dobry");
            String line = original.nextMatching(p -> p.endsWith(": dzien dobry"));
            assertTrue(line.startsWith("guest-"), line);
            assertEquals(line, bob.nextMatching(p -> p.endsWith(": dzien dobry")));
            original.sendLikeOriginal("DISCONNECT");
            assertEquals(List.of("* bye"), original.readToClose());
            assertTrue(bob.nextStartingWith("* guest-").endsWith(" left"));
            try (RawClient later = server.connect("cid")) {
                later.send("still serving");
                assertEquals("cid: still serving", bob.nextStartingWith("cid:"));
            }
        }
    }

    @Test
    void quitCarriesItsReasonAndKeepsTheServerServing() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("/quit gone fishing");
            assertEquals("* bye", ala.readToClose().getLast());
            assertEquals("* ala left (gone fishing)", bob.nextStartingWith("* ala left"));
            bob.send("/who");
            assertEquals("* 1 user online: bob (s1)", bob.nextStartingWith("* 1 user online"));
        }
    }

    @Test
    void nickRulesAreEnforced() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("Ala");
                RawClient guest = server.connect()) {
            for (String bad : List.of("a".repeat(33), "a:b", "*star", "/slash", "zero\u200bwidth", "bell\u0007", "\u3164", "\u2800\u2800", "\u0301\u0302")) {
                guest.send("/nick " + bad);
                assertEquals("* error: " + NickRules.RULE, guest.nextStartingWith("* error"), bad);
            }
            guest.send("/nick ALA");
            assertEquals("* error: the nick ALA is taken", guest.nextStartingWith("* error"));
            for (String lookalike : List.of("\u0430la", "\uff41\uff4c\uff41", "A\u04cfA", "\u03b1la")) {
                guest.send("/nick " + lookalike);
                assertEquals("* error: the nick " + lookalike + " is taken", guest.nextStartingWith("* error"), lookalike);
            }
            guest.send("/nick two words");
            assertEquals("* error: usage: /nick NAME", guest.nextStartingWith("* error"));
            guest.send("/nick " + "ż".repeat(32));
            assertEquals("* you are now known as " + "ż".repeat(32), guest.nextStartingWith("* you are"));
            ala.send("/nick ala");
            assertEquals("* you are now known as ala", ala.nextStartingWith("* you are"));
        }
    }

    @Test
    void othersSeeANickChangeInTheThirdPerson() {
        try (TestServer server = TestServer.start("s1");
                RawClient bob = server.connect("bob");
                RawClient guest = server.connect()) {
            String joined = bob.nextMatching(p -> p.startsWith("* guest-") && p.endsWith(" joined"));
            String guestNick = joined.substring(2, joined.length() - " joined".length());
            guest.send("/nick ala");
            assertEquals("* " + guestNick + " is now known as ala", bob.nextStartingWith("* " + guestNick + " is"));
        }
    }

    @Test
    void controlCharactersAndEscapesNeverReachOthers() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("hi\u001b[2J\u001b]0;pwned\u0007 there\u0000\u009b31m!");
            assertEquals("ala: hi there!", bob.nextStartingWith("ala:"));
            ala.send("/me waves\u001b[5m");
            assertEquals("ala: * waves", bob.nextStartingWith("ala: * waves"));
        }
    }

    @Test
    void anActionCannotPassForANotice() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("/nick you");
            ala.nextStartingWith("* you are now known as you");
            ala.send("/me are now known as root");
            ala.send("/me server s1 is shutting down");
            ala.send("done");
            List<String> seen = bob.readUntil(p -> p.equals("you: done"));
            assertTrue(seen.contains("you: * are now known as root"), seen.toString());
            assertTrue(seen.contains("you: * server s1 is shutting down"), seen.toString());
            assertTrue(seen.stream().noneMatch(p -> p.startsWith("* you are") || p.startsWith("* server")), seen.toString());
        }
    }

    @Test
    void helpAndUnknownCommandsAnswerTheAskerAlone() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("/help");
            List<String> help = ala.readUntil(p -> p.startsWith("* /quit"));
            assertEquals(Command.SPECS.size(), help.stream().filter(p -> p.startsWith("* /")).count(), help.toString());
            ala.send("/dance");
            assertTrue(ala.nextStartingWith("* error").contains("unknown command /dance"));
            ala.send("marker");
            assertEquals("ala: marker", bob.nextMatching(p -> !p.startsWith("* bob")));
        }
    }

    @Test
    void emptyAndBlankMessagesAreNotBroadcast() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            ala.send("");
            ala.send("   ");
            ala.send("\u001b[2J");
            ala.send("real");
            assertEquals("ala: real", bob.nextMatching(p -> p.startsWith("ala")));
        }
    }

    @Test
    void aNewcomerSeesTheLastLinesMarkedAsHistory() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withBacklog(3));
                RawClient ala = server.connect("ala")) {
            for (int i = 1; i <= 5; i++) {
                ala.send("line " + i);
            }
            ala.send("/me waves");
            ala.nextStartingWith("ala: * waves");
            try (RawClient bob = RawClient.connect(server.port())) {
                bob.send("/who");
                List<String> seen = bob.readUntil(p -> p.startsWith("* 2 users online"));
                List<String> history = seen.stream().filter(p -> p.startsWith("* history ")).toList();
                assertEquals(3, history.size(), seen.toString());
                assertTrue(history.get(0).matches("\\* history \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ala: line 4"), history.get(0));
                assertTrue(history.get(1).endsWith(" ala: line 5"));
                assertTrue(history.get(2).endsWith(" ala: * waves"), history.get(2));
            }
        }
    }
}
