package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.HostPort;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

/** Who may link, and what a client cannot do by speaking the peer protocol. */
class TrustTest {
    private static final PeerConfig.Secret SECRET = PeerConfig.Secret.of("correct horse battery staple".getBytes(StandardCharsets.UTF_8));
    private static final PeerConfig.Secret WRONG = PeerConfig.Secret.of("incorrect horse battery staple".getBytes(StandardCharsets.UTF_8));

    @Test
    void serversSharingTheSecretLink() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling().withSecret(SECRET));
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()).withSecret(SECRET));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            bob.send("hi");
            assertEquals("bob: hi", ala.nextStartingWith("bob:"));
        }
    }

    @Test
    void aForgedHandshakeWithoutTheSecretIsRefused() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling().withSecret(SECRET));
                RawClient forger = RawClient.connect(s1.port())) {
            forger.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, "evil", 1, "00")));
            PeerMessage challenge = PeerCodec.decode(forger.next());
            assertInstanceOf(PeerMessage.Challenge.class, challenge);
            forger.send(PeerCodec.encode(new PeerMessage.Proof("ab".repeat(32))));
            List<String> rest = forger.readToClose();
            assertEquals(List.of(PeerCodec.encode(new PeerMessage.Refused("peer evil does not know the shared secret"))), rest);
        }
    }

    @Test
    void aDiallerThatProvedNothingCannotAnnounceALinksWorthOfPayload() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling().withSecret(SECRET));
                RawClient forger = RawClient.connect(s1.port())) {
            forger.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, "evil", 1, "00")));
            assertInstanceOf(PeerMessage.Challenge.class, PeerCodec.decode(forger.next()));
            // A header alone: refused at once, before 16 MiB are set aside for a payload that never comes.
            forger.write(String.format("%-64d", PeerChannel.MAX_PEER_PAYLOAD).getBytes(StandardCharsets.US_ASCII));
            List<String> rest = forger.readToClose();
            assertEquals(1, rest.size(), rest.toString());
            PeerMessage.Refused refused = assertInstanceOf(PeerMessage.Refused.class, PeerCodec.decode(rest.getFirst()));
            assertTrue(refused.reason().startsWith("malformed handshake"), refused.reason());
        }
    }

    @ParameterizedTest(name = "a dialler named \"{0}\" is told why it is refused")
    @ValueSource(strings = {"s1", "bad name"})
    void aDiallerWithAnImpossibleNameIsToldWhy(String name) throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient dialler = RawClient.connect(s1.port())) {
            dialler.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, name, 1, "00")));
            List<String> rest = dialler.readToClose();
            assertEquals(1, rest.size(), rest.toString());
            PeerMessage.Refused refused = assertInstanceOf(PeerMessage.Refused.class, PeerCodec.decode(rest.getFirst()));
            assertTrue(refused.reason().contains("name"), refused.reason());
        }
    }

    @Test
    void aHandshakeStepTrickledInStillEndsAtItsTimeout() throws Exception {
        byte[] proof = Frames.encode(PeerCodec.encode(new PeerMessage.Proof("ab".repeat(100))));
        AtomicInteger sent = new AtomicInteger();
        try (TestServer s1 = TestServer.start("s1", Federated.dialling().withSecret(SECRET));
                RawClient slow = RawClient.connect(s1.port());
                ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor()) {
            slow.send(PeerCodec.encode(new PeerMessage.Hello(PeerMessage.VERSION, "slow", 1, "00")));
            assertInstanceOf(PeerMessage.Challenge.class, PeerCodec.decode(slow.next()));
            // A byte every 500 ms: no single read waits as long as the 5 s step, the whole proof 2 minutes.
            trickle.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i < proof.length) {
                    slow.write(new byte[] {proof[i]});
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            slow.readToClose();
            assertTrue(sent.get() < proof.length, "the connection lasted until the proof was whole");
        }
    }

    @Test
    void aDiallingServerRefusesAnAcceptorWithTheWrongSecret() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TestServer s2 = TestServer.start("s2",
                        Federated.dialling(new HostPort("127.0.0.1", fake.getLocalPort())).withSecret(SECRET));
                Socket dialled = fake.accept()) {
            FrameReader in = new FrameReader(new BufferedInputStream(dialled.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
            PeerMessage.Hello hello = (PeerMessage.Hello) PeerCodec.decode(in.read());
            assertEquals("s2", hello.name());
            // An acceptor that guesses the proof: the dialler must not go on to prove itself.
            dialled.getOutputStream().write(Frames.encode(PeerCodec.encode(
                    new PeerMessage.Challenge("imposter", 7, "11", "cd".repeat(32)))));
            PeerMessage answer = PeerCodec.decode(in.read());
            assertEquals(new PeerMessage.Refused("peer imposter does not know the shared secret"), answer);
        }
    }

    @Test
    void serversWithDifferentSecretsNeverLink() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling().withSecret(SECRET));
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()).withSecret(WRONG));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s1.address()).withSecret(SECRET));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob");
                RawClient cid = s3.connect("cid")) {
            // s3 links, which takes longer than s2's refusal: by then s2 has been turned away.
            Federated.awaitUsers(ala, 2);
            Federated.awaitWho(cid, "* 2 users online: ala (s1), cid (s3)");
            assertTrue(!s1.server().hub().linkedTo("s2"));
            assertTrue(!s2.server().hub().linkedTo("s1"));
        }
    }

    @Test
    void aHelloAfterTheFirstFrameWaitIsRefusedAndNeverShown() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                RawClient slow = RawClient.connect(s1.port())) {
            // Silent until welcomed: the server has taken it for a client that waits to be spoken to.
            slow.nextStartingWith("* welcome to s1");
            slow.send("LINKCHAT-HELLO\t1\tslow\t1\t00");
            List<String> seen = slow.readToClose();
            assertTrue(seen.getLast().startsWith("* error: a server link's hello must come within"), seen.getLast());
            List<String> told = ala.readUntil(p -> p.contains(" left"));
            assertTrue(told.stream().noneMatch(p -> p.contains("LINKCHAT-HELLO")), told.toString());
        }
    }

    @Test
    void aClientCannotInjectEventsUnderAnotherNick() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                RawClient ala = s1.connect("ala");
                RawClient mallory = s1.connect("mallory")) {
            mallory.send("EVENT\ts1\t1\t999\t0\tSAY\tala\tI owe mallory money");
            String seen = ala.nextStartingWith("mallory:");
            assertTrue(seen.startsWith("mallory: EVENT s1"), seen);
            mallory.send("LINKCHAT-HELLO\t1\tevil\t1\t00");
            assertEquals("mallory: LINKCHAT-HELLO 1 evil 1 00", ala.nextStartingWith("mallory:"));
        }
    }
}
