package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

class ShutdownTest {
    @Test
    void everyClientIsToldAndNoThreadIsLeft() {
        TestServer server = TestServer.start("s1");
        try (RawClient ala = server.connect("ala"); RawClient bob = server.connect("bob")) {
            server.close();
            for (RawClient c : List.of(ala, bob)) {
                List<String> rest = c.readToClose();
                assertEquals("* server s1 is shutting down", rest.getLast(), rest.toString());
                assertTrue(rest.stream().noneMatch(p -> p.contains(" left")), rest.toString());
            }
            assertEquals(0, server.server().connections());
            server.close();
            assertEquals(0, server.server().connections());
        }
    }

    @Test
    void aClientThatDoesNotReadCannotHoldUpShutdown() {
        TestServer server = TestServer.start("s1");
        try (RawClient stuck = server.connect("stuck")) {
            stuck.socket().setReceiveBufferSize(1024);
            long start = System.nanoTime();
            server.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2_000, "shutdown took " + ms + " ms");
            assertEquals(0, server.server().connections());
        } catch (java.net.SocketException e) {
            throw new AssertionError(e);
        }
    }
}
