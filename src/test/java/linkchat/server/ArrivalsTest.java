package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

class ArrivalsTest {
    @Test
    void anAddressPastItsBurstWaitsWhileAnotherComesIn() throws Exception {
        Arrivals arrivals = new Arrivals(1, 3);
        InetAddress one = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertTrue(arrivals.admit(one));
        }
        assertFalse(arrivals.admit(one), "a fourth connection at once from one address");
        assertTrue(arrivals.admit(InetAddress.getByName("127.0.0.2")));
        assertTrue(new Arrivals(0, 1).admit(one) && new Arrivals(0, 1).admit(one), "0 is no limit");
    }

    @Test
    void aClientReconnectingInALoopIsRefusedWithAReason() {
        try (TestServer server = TestServer.start(ServerConfig.loopback("s1").withConnectRate(1))) {
            for (int i = 0; i < ServerConfig.CONNECT_BURST; i++) {
                RawClient.connect(server.port()).close();
            }
            try (RawClient late = RawClient.connect(server.port())) {
                List<String> seen = late.readToClose();
                assertEquals(1, seen.size(), seen.toString());
                assertTrue(seen.getFirst().startsWith("* error: too many new connections from 127.0.0.1"), seen.getFirst());
            }
        }
    }
}
