package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Frames;

/** Connection limits, the frame timeout, and a flooding sender paced by its own deliveries. */
class LimitsTest {
    @Test
    void aWhoReplyForACrowdStillFitsAClientsFrame() {
        List<String> crowd = IntStream.range(0, 5_000)
                .mapToObj(i -> String.format("user-with-a-long-nick-%010d (s1)", i)).toList();
        String reply = WhoReplies.reply(crowd);
        assertTrue(reply.startsWith("5000 users online: user-with-a-long-nick-0000000000 (s1), "), reply.substring(0, 80));
        assertTrue(("* " + reply).getBytes(StandardCharsets.UTF_8).length <= Frames.DEFAULT_MAX_PAYLOAD);
        assertTrue(reply.endsWith(")"), reply.substring(reply.length() - 40));
        assertEquals("2 users online: ala (s1), bob (s2)", WhoReplies.reply(List.of("ala (s1)", "bob (s2)")));
    }

    @Test
    void whoOverACrowdIsRefusedPastItsBurstAndTheClientStaysServed() {
        List<RawClient> crowd = new ArrayList<>();
        try (TestServer server = TestServer.start("s1")) {
            for (int i = 0; i < ClientCommands.WHO_FREE_USERS; i++) {
                RawClient c = RawClient.connect(server.port());
                crowd.add(c);
                c.send("here");
            }
            RawClient ala = server.connect("ala");
            crowd.add(ala);
            String crowded = "* " + (ClientCommands.WHO_FREE_USERS + 1) + " users online";
            String reply;
            do { // free while the roster is small; the first crowded reply takes a token
                ala.send("/who");
                reply = ala.nextMatching(p -> p.contains(" online: "));
            } while (!reply.startsWith(crowded));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < ClientCommands.WHO_BURST; i++) {
                ala.send("/who");
            }
            ala.send("still here");
            for (String p : ala.readUntil(p -> p.equals("ala: still here"))) {
                if (p.contains(" online: ") || p.startsWith("* error")) {
                    answers.add(p.startsWith("* error") ? p : "reply");
                }
            }
            assertEquals(ClientCommands.WHO_BURST, answers.size(), answers.toString());
            assertTrue(answers.getLast().matches("\\* error: /who is answered 5 times in a row, then once every 2 s; ask again in [12] s"),
                    answers.toString());
        } finally {
            crowd.forEach(RawClient::close);
        }
    }

    @Test
    void aHalfFrameIsClosedAfterTheFrameTimeoutButAnIdleClientStays() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withFrameTimeout(300));
                RawClient idle = server.connect("idle");
                RawClient half = server.connect("half")) {
            half.write("12   ".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("* error: frame not finished within 300 ms"), half.readToClose());
            // The idle client has now been silent for longer than the frame timeout, and is still served.
            idle.send("/who");
            assertEquals("* 1 user online: idle (s1)", idle.nextStartingWith("* 1 user"));
        }
    }

    @Test
    void aFrameTrickledInStillEndsAtTheFrameTimeout() {
        byte[] frame = Frames.encode("x".repeat(1_000));
        AtomicInteger sent = new AtomicInteger();
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withFrameTimeout(300));
                RawClient slow = server.connect("slow");
                ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor()) {
            // A byte every 100 ms: no single read waits as long as the timeout, the whole frame 106 s.
            trickle.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i < frame.length) {
                    slow.write(new byte[] {frame[i]});
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            assertEquals(List.of("* error: frame not finished within 300 ms"), slow.readToClose());
        }
    }

    @Test
    void connectionsPastTheLimitsAreRefusedWithANotice() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withClientLimits(3, 2));
                RawClient a = server.connect("a");
                RawClient b = server.connect("b");
                RawClient third = RawClient.connect(server.port())) {
            assertEquals(List.of("* error: too many connections from 127.0.0.1 (at most 2)"), third.readToClose());
            b.send("/quit");
            b.readToClose();
            a.send("/who");
            a.nextStartingWith("* 1 user online");
            try (RawClient again = server.connect("again")) {
                again.send("/who");
                assertEquals("* 2 users online: a (s1), again (s1)", again.nextStartingWith("* 2 users"));
            }
        }
    }

    @Test
    void aFullServerSaysSo() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withClientLimits(1, 0));
                RawClient a = server.connect("a");
                RawClient second = RawClient.connect(server.port())) {
            assertEquals(List.of("* error: server s1 is full (1 connections)"), second.readToClose());
        }
    }

    @Test
    void aFlooderTakingItsLinesBackNoFasterThanOthersIsPacedAndNobodyLosesAnything() throws Exception {
        // 20 MB of lines, sent as fast as a socket takes them: far more than the kernel's buffers
        // and the outboxes' 8 MiB hard limit, so unpaced reading would overflow the readers.
        int messages = 20_000;
        String padding = "p".repeat(1_000);
        try (TestServer server = TestServer.start("s1");
                RawClient reader = server.connect("reader");
                RawClient flooder = server.connect("flooder")) {
            Thread flood = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < messages; i++) {
                    flooder.send("n" + i + padding);
                }
            });
            // The flooder takes its own lines back no faster than the reader takes them: the
            // server's pacing must then keep the reader's queue from overflowing, however the
            // threads are scheduled.
            Semaphore readerAhead = new Semaphore(0);
            List<String> echoFailures = new CopyOnWriteArrayList<>();
            Thread echoes = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < messages; i++) {
                    readerAhead.acquireUninterruptibly();
                    String line = flooder.nextStartingWith("flooder:");
                    if (!line.equals("flooder: n" + i + padding)) {
                        echoFailures.add("echo " + i);
                    }
                }
            });
            for (int i = 0; i < messages; i++) {
                assertEquals("flooder: n" + i + padding, reader.nextStartingWith("flooder:"));
                readerAhead.release();
            }
            flood.join();
            echoes.join();
            assertEquals(List.of(), echoFailures);
        }
    }

    @Test
    void aClientOverItsRateIsReadLaterLosingNothingAndDelayingNobody() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withClientRate(20, 5));
                RawClient ala = server.connect("ala");
                RawClient flooder = server.connect("flooder");
                RawClient bob = server.connect("bob")) {
            for (int i = 0; i < 30; i++) {
                flooder.send("line " + i);
            }
            // 25 lines over the burst at 20 a second: the flooder is still being read long after bob speaks.
            flooder.nextStartingWith("flooder: line 6");
            bob.send("hi");
            List<String> seen = ala.readUntil(p -> p.equals("flooder: line 29"));
            List<String> lines = seen.stream().filter(p -> p.startsWith("flooder: ")).toList();
            for (int i = 0; i < 30; i++) {
                assertEquals("flooder: line " + i, lines.get(i));
            }
            int bobAt = seen.indexOf("bob: hi");
            assertTrue(bobAt >= 0 && bobAt < seen.indexOf("flooder: line 20"), "bob waited behind the flooder: " + seen);
        }
    }

    @Test
    void aQuitReasonIsCutBeforeEveryoneIsToldIt() {
        try (TestServer server = TestServer.start("s1");
                RawClient ala = server.connect("ala");
                RawClient bob = server.connect("bob")) {
            bob.send("/quit " + "r".repeat(5_000));
            String left = ala.nextStartingWith("* bob left");
            assertEquals("* bob left (" + "r".repeat(ClientCommands.MAX_REASON_CHARS) + ")", left);
        }
    }
}
