package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

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
    void aSilentConnectionPastTheLimitCannotStallTheAcceptLoop() throws Exception {
        SSLContext serverTls = Tls.server(c1.keystore(), c1.password(), null);
        SSLSocketFactory tls = Tls.client(c1.certificate()).getSocketFactory();
        ServerConfig config = ServerConfig.loopback("s1").withClientLimits(100, 1).withFrameTimeout(300);
        try (ChatServer server = ChatServer.start(config, serverTls, hub -> null);
                SSLSocket first = tlsClient(tls, server, "127.0.0.1");
                Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            assertEquals("ala: here", say(first, "ala", "here"));
            // silent is one past the limit for 127.0.0.1 and never starts its TLS handshake; it was
            // queued before the next client, so the accept loop takes it first.
            try (SSLSocket other = tlsClient(tls, server, "127.0.0.2")) {
                assertEquals("bob: hello", say(other, "bob", "hello"));
            }
            silent.setSoTimeout(RawClient.READ_TIMEOUT_MS);
            // Closed after the frame timeout (a TLS alert may come first); a read timeout fails the test.
            silent.getInputStream().readAllBytes();
        }
    }

    @Test
    void aTlsClientThatDoesNotReadCannotHoldUpShutdown() throws Exception {
        SSLContext serverTls = Tls.server(c1.keystore(), c1.password(), null);
        SSLSocketFactory tls = Tls.client(c1.certificate()).getSocketFactory();
        ChatServer server = ChatServer.start(ServerConfig.loopback("s1"), serverTls, hub -> null);
        try (Socket tcp = new Socket()) {
            tcp.setReceiveBufferSize(4096);
            tcp.connect(server.address());
            tcp.setSoTimeout(RawClient.READ_TIMEOUT_MS);
            SSLSocket stuck = (SSLSocket) tls.createSocket(tcp, "127.0.0.1", server.address().getPort(), true);
            say(stuck, "stuck", "here");
            try (SSLSocket sender = tlsClient(tls, server, "127.0.0.1")) {
                // 16 MB to a client that reads nothing: far past the kernel's buffers, so the
                // server's writer for it is blocked inside a TLS write when shutdown begins.
                String padding = "x".repeat(1_000);
                OutputStream out = sender.getOutputStream();
                FrameReader in = new FrameReader(new BufferedInputStream(sender.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
                out.write(Frames.encode("/nick sender"));
                for (int b = 0; b < 16; b++) {
                    for (int i = 0; i < 1_000; i++) {
                        out.write(Frames.encode(b + "." + i + padding));
                    }
                    out.flush();
                    String last = "sender: " + b + ".999" + padding;
                    while (!in.read().equals(last)) {
                        // its own lines, back through the server
                    }
                }
                Thread closer = Thread.ofVirtual().start(server::close);
                assertTrue(closer.join(Duration.ofSeconds(5)), "shutdown hung on the client that does not read");
            }
        } finally {
            server.close();
        }
    }

    /** A TLS client connected from {@code local} (any 127/8 address is loopback), with a read timeout. */
    private static SSLSocket tlsClient(SSLSocketFactory tls, ChatServer server, String local) throws IOException {
        Socket tcp = new Socket();
        tcp.bind(new InetSocketAddress(local, 0));
        tcp.connect(server.address());
        tcp.setSoTimeout(RawClient.READ_TIMEOUT_MS);
        return (SSLSocket) tls.createSocket(tcp, "127.0.0.1", server.address().getPort(), true);
    }

    /** Takes {@code nick}, says {@code text}, and returns the echo of it. */
    private static String say(SSLSocket socket, String nick, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        FrameReader in = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.MAX_PAYLOAD_CEILING);
        out.write(Frames.encode("/nick " + nick));
        out.write(Frames.encode(text));
        out.flush();
        String line;
        while (!(line = in.read()).startsWith(nick + ":")) {
            // welcome, join, nick change
        }
        return line;
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
