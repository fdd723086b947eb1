package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.peer.Federation;
import linkchat.server.peer.PeerConfig;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestCerts;
import linkchat.tls.Tls;
import linkchat.wire.FrameReader;
import linkchat.wire.Frames;
import linkchat.wire.HostPort;

/** TLS on the listener and on links, with a keystore made at test time. */
class TlsTest {
    @TempDir
    static Path dir;

    private static TestCerts c1;
    private static TestCerts c2;

    @BeforeAll
    static void makeCertificates() throws Exception {
        c1 = TestCerts.make(dir, "s1");
        c2 = TestCerts.make(dir, "s2");
    }

    @Test
    void aClientTalksOverTlsAndAPlainOneGetsNowhere() throws Exception {
        TestCerts certs = c1;
        SSLContext serverTls = Tls.server(certs.keystore(), certs.password(), null);
        try (ChatServer server = ChatServer.start(ServerConfig.loopback("s1"), serverTls, hub -> null);
                SSLSocket socket = (SSLSocket) Tls.client(certs.certificate()).getSocketFactory()
                        .createSocket("127.0.0.1", server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            FrameReader in = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
            out.write(Frames.encode("/nick ala"));
            out.write(Frames.encode("secret hello"));
            out.flush();
            String line;
            while (!(line = in.read()).startsWith("ala:")) {
                // welcome, join, nick change
            }
            assertEquals("ala: secret hello", line);
            try (RawClient plain = RawClient.connect(server.address().getPort())) {
                plain.send("hello?");
                assertEquals(List.of(), plain.readToClose(), "a plain client must not get one frame through");
            }
            out.write(Frames.encode("still fine"));
            out.flush();
            assertEquals("ala: still fine", in.read());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerIsRefused() throws Exception {
        TestCerts certs = c1;
        TestCerts stranger = c2;
        try (ChatServer server = ChatServer.start(ServerConfig.loopback("s1"),
                        Tls.server(certs.keystore(), certs.password(), null), hub -> null);
                SSLSocket socket = (SSLSocket) Tls.client(stranger.certificate()).getSocketFactory()
                        .createSocket("127.0.0.1", server.address().getPort())) {
            assertThrows(IOException.class, socket::startHandshake);
        }
    }

    @Test
    void serversLinkOverTls() throws Exception {
        SSLContext tls1 = Tls.server(c1.keystore(), c1.password(), c2.certificate());
        SSLContext tls2 = Tls.server(c2.keystore(), c2.password(), c1.certificate());
        PeerConfig dialS1 = Federated.dialling(new HostPort("127.0.0.1", 0));
        try (ChatServer s1 = ChatServer.start(ServerConfig.loopback("s1"), tls1, hub -> new Federation(hub, PeerConfig.none()))) {
            PeerConfig peers = dialS1.withPeers(List.of(new HostPort("127.0.0.1", s1.address().getPort()))).withTls(tls2);
            try (ChatServer s2 = ChatServer.start(ServerConfig.loopback("s2"), null, hub -> new Federation(hub, peers));
                    RawClient bob = RawClient.connect(s2.address().getPort())) {
                bob.send("/nick bob");
                // bob's server reaches s1 only through the TLS link: its arrival there shows the link works.
                // Each side counts the link once its own half of the handshake is done: wait for both.
                while (!s2.hub().linkedTo("s1") || !s1.hub().linkedTo("s2")) {
                    bob.send("/who");
                    bob.nextMatching(p -> p.matches("\\* \\d+ users? online.*"));
                }
                assertEquals(1, s1.hub().linkCount());
            }
        }
    }
}
