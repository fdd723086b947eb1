package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.Frames;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/**
 * Raw sockets posing as peers try to make a server hold more than its bounds on links (their
 * number, and the long frames they read together), or to be refused without a reason.
 */
class PeerLimitsTest {
    /** How long a frame that must wait for the budget is given to show it does not. */
    private static final Duration NOT_WITHIN = Duration.ofMillis(500);

    @Test
    void stalledLongFramesHoldTheBudgetAndAnotherLinksLongFrameWaitsForIt() throws Exception {
        int stallers = PeerBudget.MAX_BYTES / PeerChannel.MAX_PEER_PAYLOAD;
        int left = PeerBudget.MAX_BYTES - stallers * PeerChannel.MAX_PEER_PAYLOAD;
        byte[] longest = Frames.encode("x".repeat(PeerChannel.MAX_PEER_PAYLOAD));
        try (TestServer s1 = TestServer.start("s1", Federated.dialling())) {
            Federation federation = (Federation) s1.server().gate();
            List<FakePeer> held = new ArrayList<>();
            try {
                for (int i = 0; i < stallers; i++) {
                    FakePeer p = FakePeer.link(s1.port(), "st" + i, FakePeer.bootNow());
                    p.raw().write(Arrays.copyOf(longest, Frames.HEADER_SIZE + 1_000));
                    held.add(p);
                    awaitBudgetFree(federation, PeerBudget.MAX_BYTES - (i + 1) * PeerChannel.MAX_PEER_PAYLOAD);
                }
                try (FakePeer late = FakePeer.link(s1.port(), "late", FakePeer.bootNow())) {
                    // A whole frame, malformed, one byte longer than the budget has left: once
                    // read, it is refused at once; until then, nothing.
                    byte[] frame = Frames.encode("y".repeat(left + 1));
                    Thread.ofVirtual().start(() -> late.raw().write(frame));
                    AtomicReference<String> reason = new AtomicReference<>();
                    Thread reading = Thread.ofVirtual().start(() -> reason.set(late.cutOff()));
                    assertFalse(reading.join(NOT_WITHIN), "a long frame was read past the budget: " + reason.get());
                    held.removeFirst().close();
                    assertTrue(reading.join(Duration.ofMillis(RawClient.READ_TIMEOUT_MS)));
                    assertTrue(reason.get().contains("malformed") || reason.get().contains("unknown"), reason.get());
                }
            } finally {
                held.forEach(FakePeer::close);
            }
        }
    }

    /** Waits until the server's readers took what the stallers announced (their headers read). */
    private static void awaitBudgetFree(Federation federation, int bytes) {
        long deadline = System.nanoTime() + RawClient.READ_TIMEOUT_MS * 1_000_000L;
        while (federation.budgetFree() != bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("budget free " + federation.budgetFree() + ", not " + bytes);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void linksPastTheCapAreRefusedWithAReason() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling())) {
            List<FakePeer> links = new ArrayList<>();
            try {
                for (int i = 0; i < Federation.MAX_LINKS; i++) {
                    links.add(FakePeer.link(s1.port(), "p" + i, FakePeer.bootNow()));
                }
                try (RawClient extra = RawClient.connect(s1.port())) {
                    extra.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, "extra", FakePeer.bootNow(), "00")));
                    String refused = extra.next();
                    assertTrue(refused.startsWith("REFUSED") && refused.contains(Federation.MAX_LINKS + " links"), refused);
                }
                links.removeFirst().close();
                linkWithin(s1.port(), "again");
            } finally {
                links.forEach(FakePeer::close);
            }
        }
    }

    /** Dials until a link comes up: the server gives a slot back once it has seen a link close. */
    private static void linkWithin(int port, String name) {
        long deadline = System.nanoTime() + RawClient.READ_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try (FakePeer p = FakePeer.link(port, name, FakePeer.bootNow())) {
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("links and handshakes")) {
                    throw e;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LINKCHAT-HELLO\t-1\tv9\t1\t00", "LINKCHAT-HELLO\t99999999999999999999\tv9\t1\t00", "LINKCHAT-HELLO\t"})
    void aHelloThatCannotBeDecodedIsRefusedWithAReason(String hello) {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient dialler = RawClient.connect(s1.port())) {
            dialler.send(hello);
            String refused = dialler.next();
            assertTrue(refused.startsWith("REFUSED\tmalformed handshake"), refused);
        }
    }
}
