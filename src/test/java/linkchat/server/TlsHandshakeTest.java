package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.peer.Federation;
import linkchat.testing.Federated;
import linkchat.testing.TestCerts;
import linkchat.tls.Tls;
import linkchat.wire.HostPort;

/** A TLS handshake trickled in a byte at a time is cut at its deadline, on both ends of a connection. */
class TlsHandshakeTest {
    /** Between two trickled bytes: far below any timeout, so only a deadline for the whole handshake ends it. */
    private static final Duration TRICKLE = Duration.ofMillis(100);

    /** How long the test waits for a cut before calling it missing: the handshake trickled whole would take far longer. */
    private static final int GIVE_UP_MS = 15_000;

    @TempDir
    Path dir;

    @Test
    void aClientTricklingItsHelloIsCutAtTheFrameTimeout() throws Exception {
        TestCerts certs = TestCerts.make(dir, "s1");
        SSLContext tls = Tls.server(certs.keystore(), certs.password(), null);
        int timeoutMs = 500;
        try (ChatServer server = ChatServer.start(ServerConfig.loopback("s1").withFrameTimeout(timeoutMs), tls, hub -> null);
                Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            byte[] hello = clientHello();
            Thread trickler = trickle(raw.getOutputStream(), hello);
            long cutAfter = millisUntilCut(raw);
            trickler.interrupt();
            assertTrue(cutAfter < GIVE_UP_MS, "a " + hello.length + "-byte hello trickled in held the slot past " + GIVE_UP_MS + " ms");
        }
    }

    @Test
    void aDiallerWhosePeerTricklesItsAnswerGivesUpWithinAHandshakeStep() throws Exception {
        SSLContext tls = SSLContext.getDefault();
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ChatServer s1 = ChatServer.start(ServerConfig.loopback("s1"), null, hub -> new Federation(hub,
                        Federated.dialling(new HostPort("127.0.0.1", fake.getLocalPort())).withTls(tls)));
                Socket dialled = fake.accept()) {
            // A handshake record announced whole, then its body one byte at a time.
            byte[] answer = new byte[5 + 256];
            answer[0] = 0x16;
            answer[1] = 0x03;
            answer[2] = 0x03;
            answer[3] = 0x01;
            Thread trickler = trickle(dialled.getOutputStream(), answer);
            long cutAfter = millisUntilCut(dialled);
            trickler.interrupt();
            assertTrue(cutAfter < GIVE_UP_MS, "the dialler waited on a trickled answer past " + GIVE_UP_MS + " ms");
        }
    }

    /** A real ClientHello, as any TLS client sends first. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", 2000);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** Writes {@code bytes} one at a time, {@link #TRICKLE} apart, until done, interrupted or cut. */
    private static Thread trickle(OutputStream out, byte[] bytes) {
        return Thread.ofVirtual().start(() -> {
            try {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(TRICKLE);
                }
            } catch (IOException | InterruptedException e) {
                // cut, as it should be, or the test is over
            }
        });
    }

    /** Reads until the other side closes or resets the connection; returns how long that took, or GIVE_UP_MS. */
    private static long millisUntilCut(Socket socket) throws IOException {
        socket.setSoTimeout(GIVE_UP_MS);
        InputStream in = socket.getInputStream();
        long start = System.nanoTime();
        try {
            byte[] buffer = new byte[4_096];
            while (in.read(buffer) >= 0) {
                // the dialler's own hello, or nothing
            }
        } catch (SocketTimeoutException e) {
            return GIVE_UP_MS;
        } catch (SocketException e) {
            // reset: cut as well
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
