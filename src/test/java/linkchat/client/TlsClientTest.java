package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.testing.TestCerts;
import linkchat.tls.Tls;

/** The client over TLS, trusting a certificate made at test time; and refusing a server it does not trust. */
class TlsClientTest {
    @TempDir
    Path dir;

    @Test
    void aPipedSessionTalksOverTls() throws Exception {
        TestCerts certs = TestCerts.make(dir, "s1");
        try (ChatServer server = ChatServer.start(ServerConfig.loopback("s1"),
                Tls.server(certs.keystore(), certs.password(), null), hub -> null)) {
            ClientConfig config = new ClientConfig("127.0.0.1", server.address().getPort(), "ala", dir.resolve("h"), false,
                    List.of(), Tls.client(certs.certificate()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = PlainClient.run(config, new ByteArrayInputStream("over tls\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(0, status);
            assertTrue(lines.contains("ala: over tls"), lines.toString());

            ClientConfig untrusting = new ClientConfig("127.0.0.1", server.address().getPort(), "bob", dir.resolve("h"), false,
                    List.of(), Tls.client(null));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int refused = PlainClient.run(untrusting, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, refused);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot connect"), err.toString(StandardCharsets.UTF_8));
        }
    }
}
