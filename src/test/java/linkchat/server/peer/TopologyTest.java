package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.server.ServerConfig;
import linkchat.testing.Federated;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;
import linkchat.wire.HostPort;

/** Every shape of federation delivers every line to every client once, in each sender's order. */
class TopologyTest {
    private static final int MESSAGES = 300;

    @Test
    void pair() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()))) {
            check(List.of(s1, s2));
        }
    }

    @Test
    void lineOfThree() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s2.address()))) {
            check(List.of(s1, s2, s3));
        }
    }

    @Test
    void star() throws Exception {
        try (TestServer hub = TestServer.start("hub", Federated.dialling());
                TestServer a = TestServer.start("a", Federated.dialling(hub.address()));
                TestServer b = TestServer.start("b", Federated.dialling(hub.address()));
                TestServer c = TestServer.start("c", Federated.dialling(hub.address()))) {
            check(List.of(hub, a, b, c));
        }
    }

    @Test
    void ringOfFour() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s2.address()));
                TestServer s4 = TestServer.start("s4", Federated.dialling(s3.address(), s1.address()))) {
            check(List.of(s1, s2, s3, s4));
        }
    }

    @Test
    void fullMeshOfFourWhereEveryoneDialsEveryone() throws Exception {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                TestServer s3 = TestServer.start("s3", Federated.dialling(s1.address(), s2.address()));
                TestServer s4 = TestServer.start("s4", Federated.dialling(s1.address(), s2.address(), s3.address()))) {
            check(List.of(s1, s2, s3, s4));
        }
    }

    @Test
    void twoServersThatDialEachOtherEndUpWithOneLink() throws Exception {
        int port2;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port2 = probe.getLocalPort();
        }
        try (TestServer s1 = TestServer.start("s1", Federated.dialling(new HostPort("127.0.0.1", port2)));
                TestServer s2 = TestServer.start(ServerConfig.loopback("s2").withPort(port2),
                        Federated.dialling(s1.address()))) {
            check(List.of(s1, s2));
            // Both dialled; the link dialled by the lower name survives on both sides.
            assertEquals(1, s1.server().hub().linkCount());
            assertEquals(1, s2.server().hub().linkCount());
        }
    }

    private static void check(List<TestServer> servers) throws Exception {
        List<RawClient> clients = Federated.oneClientEach(servers, "u");
        try {
            for (RawClient c : clients) {
                Federated.awaitUsers(c, servers.size());
            }
            List<String> nicks = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                nicks.add("u" + i);
            }
            Federated.everyoneHearsEveryoneOnce(clients, nicks, MESSAGES);
        } finally {
            clients.forEach(RawClient::close);
        }
    }
}
