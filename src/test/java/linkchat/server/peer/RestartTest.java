package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.testing.FakePeer;
import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** A server that comes back under its old name while its previous run's link still looks alive. */
class RestartTest {
    @Test
    void aNewBootIsLinkedAtOnceWhileTheOldBootsLinkHasNotTimedOut() {
        // A minute of silence allowed: only the new boot's own link can bring it in time.
        PeerConfig patient = Federated.dialling().withSilence(Duration.ofMinutes(1));
        try (TestServer s1 = TestServer.start("s1", patient);
                LinkProxy net = new LinkProxy(s1.address());
                TestServer old = TestServer.start("s2", Federated.dialling(net.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = old.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            // The old run's host vanished: its link is half-open, and s1 has not noticed.
            net.stall();
            try (TestServer again = TestServer.start("s2", Federated.dialling(s1.address()));
                    RawClient cid = again.connect("cid")) {
                Federated.awaitWho(ala, "* 2 users online: ala (s1), cid (s2)");
            }
        }
    }

    @Test
    void aLiveLinkIsNotCutForANewcomerClaimingItsNameWithANewerBoot() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient bob = s2.connect("bob")) {
            Federated.awaitUsers(ala, 2);
            Federated.awaitUsers(bob, 2);
            try (FakePeer impostor = FakePeer.link(s1.port(), "s2", s2.server().hub().boot() + 1_000)) {
                assertEquals("s2 is linked here already and answers", impostor.cutOff());
            }
            bob.send("still linked");
            for (RawClient c : List.of(ala, bob)) {
                List<String> seen = c.readUntil(p -> p.equals("bob: still linked"));
                assertTrue(seen.stream().noneMatch(p -> p.startsWith("* lost link")), seen.toString());
            }
        }
    }
}
