package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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

    /** Servers closed while connections pour in: each close lands at a random point of the accept loop. */
    private static final int CLOSES_UNDER_ARRIVALS = 100;

    @Test
    void aConnectionAcceptedWhileTheServerClosesDoesNotOutliveClose() throws Exception {
        for (int round = 0; round < CLOSES_UNDER_ARRIVALS; round++) {
            ChatServer server = ChatServer.start(ServerConfig.loopback("s1"));
            int port = server.address().getPort();
            CountDownLatch arriving = new CountDownLatch(1);
            Thread arrivals = Thread.ofVirtual().start(() -> {
                List<Socket> opened = new ArrayList<>();
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        opened.add(new Socket(InetAddress.getLoopbackAddress(), port));
                        arriving.countDown();
                    }
                } catch (IOException e) {
                    // the listener is gone
                } finally {
                    arriving.countDown();
                    opened.forEach(ShutdownTest::closeQuietly);
                }
            });
            arriving.await();
            server.close();
            int left = server.connections();
            arrivals.interrupt();
            arrivals.join();
            assertEquals(0, left, "round " + round + ": sessions still running after close() returned");
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // the test is over for this socket
        }
    }
}
