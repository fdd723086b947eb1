package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestCerts;
import linkchat.tls.Tls;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.HostPort;

/** A TLS link whose peer stops reading while this side has much to send still goes down, and comes back. */
class StalledTlsLinkTest {
    /** Lines flooded into the stalled link: enough to fill every socket buffer between the servers. */
    private static final int FLOOD_LINES = 800;

    /** Bytes per flooded line, under the default client payload limit. */
    private static final int LINE_BYTES = 60_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStalledTlsLinkWithAWriterBlockedOnTheSocketIsDeclaredDead() throws Exception {
        Pair pair = pair();
        PeerConfig quick = Federated.dialling().withSilence(Federated.QUICK_SILENCE);
        try (ChatServer s2 = ChatServer.start(ServerConfig.loopback("s2"), pair.tls2(), hub -> new Federation(hub, quick));
                LinkProxy net = new LinkProxy(new HostPort("127.0.0.1", s2.address().getPort()));
                ChatServer s1 = ChatServer.start(ServerConfig.loopback("s1").withClientRate(0, 1), null,
                        hub -> new Federation(hub, quick.withPeers(List.of(net.address())).withTls(pair.tls1())));
                RawClient ala = RawClient.connect(s1.address().getPort())) {
            while (!s1.hub().linkedTo("s2") || !s2.hub().linkedTo("s1")) {
                ala.send("/who");
                ala.nextMatching(p -> p.matches("\\* \\d+ users? online.*"));
            }
            net.stall();
            // s1's link writer now blocks inside a TLS write: declaring the link dead must not wait for it.
            // ala reads while it floods: a client that only wrote would find its queue full of its
            // own lines when the notice comes, and miss it, as a slow reader misses lines.
            String line = "x".repeat(LINE_BYTES);
            Thread flood = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < FLOOD_LINES; i++) {
                    ala.send(line);
                }
            });
            assertTrue(ala.nextStartingWith("* lost link to s2").startsWith("* lost link to s2"));
            flood.join();
            net.restore();
            // A dial begun while stalled first runs out its handshake time, then waits its backoff.
            ala.patience(Duration.ofSeconds(40));
            assertTrue(ala.nextStartingWith("* linked to s2").startsWith("* linked to s2"));
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAcceptorWhoseTlsLinkWriterIsBlockedStillShutsDown() throws Exception {
        Pair pair = pair();
        PeerConfig patient = Federated.dialling().withSilence(Duration.ofMinutes(1));
        ChatServer s1 = ChatServer.start(ServerConfig.loopback("s1").withClientRate(0, 1), pair.tls1(),
                hub -> new Federation(hub, patient));
        try (LinkProxy net = new LinkProxy(new HostPort("127.0.0.1", s1.address().getPort()));
                ChatServer s2 = ChatServer.start(ServerConfig.loopback("s2"), null,
                        hub -> new Federation(hub, patient.withPeers(List.of(net.address())).withTls(pair.tls2())));
                RawClient bob = RawClient.connect(s2.address().getPort());
                SSLSocket flooder = (SSLSocket) Tls.client(pair.c1().certificate()).getSocketFactory()
                        .createSocket("127.0.0.1", s1.address().getPort())) {
            while (!s1.hub().linkedTo("s2") || !s2.hub().linkedTo("s1")) {
                bob.send("/who");
                bob.nextMatching(p -> p.matches("\\* \\d+ users? online.*"));
            }
            net.stall();
            OutputStream out = flooder.getOutputStream();
            byte[] line = Frames.encode("x".repeat(LINE_BYTES));
            for (int i = 0; i < FLOOD_LINES; i++) {
                out.write(line);
            }
            out.write(Frames.encode("/who"));
            out.flush();
            FrameReader in = new FrameReader(new BufferedInputStream(flooder.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
            while (!in.read().matches("\\* \\d+ users? online.*")) {
                // every flooded line has passed the hub: s1's link writer is stuck behind the stalled proxy
            }
            s1.close();
            assertEquals(0, s1.hub().linkCount());
        } finally {
            s1.close();
        }
    }

    /** Certificates for s1 and s2, and each one's TLS context trusting the other. */
    private record Pair(TestCerts c1, SSLContext tls1, SSLContext tls2) {}

    private Pair pair() throws Exception {
        TestCerts c1 = TestCerts.make(dir, "s1");
        TestCerts c2 = TestCerts.make(dir, "s2");
        return new Pair(c1, Tls.server(c1.keystore(), c1.password(), c2.certificate()),
                Tls.server(c2.keystore(), c2.password(), c1.certificate()));
    }
}
