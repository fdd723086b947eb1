package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import linkchat.testing.Federated;
import linkchat.testing.LinkProxy;
import linkchat.testing.RawClient;
import linkchat.testing.TestServer;

/** Nicks are unique across the federation, and a clash made during a split is settled the same way everywhere. */
class NickAcrossServersTest {
    @Test
    void aNickTakenOnAnotherServerIsRefused() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                TestServer s2 = TestServer.start("s2", Federated.dialling(s1.address()));
                RawClient ala = s1.connect("ala");
                RawClient other = s2.connect("other")) {
            Federated.awaitUsers(other, 2);
            other.send("/nick ALA");
            assertEquals("* error: the nick ALA is taken on s1", other.nextStartingWith("* error"));
        }
    }

    @Test
    void aClashMadeDuringASplitKeepsTheEarlierClaim() {
        try (TestServer s1 = TestServer.start("s1", Federated.dialling());
                LinkProxy net = new LinkProxy(s1.address());
                TestServer s2 = TestServer.start("s2", Federated.dialling(net.address()));
                RawClient first = s1.connect("first");
                RawClient second = s2.connect("second")) {
            Federated.awaitUsers(first, 2);
            net.cut();
            first.nextStartingWith("* lost link");
            second.nextStartingWith("* lost link");
            first.send("/nick zed");
            first.nextStartingWith("* you are now known as zed");
            second.send("/nick zed");
            second.nextStartingWith("* you are now known as zed");
            net.restore();
            assertEquals("* a user on s2 also took zed while the servers were apart; you keep it",
                    first.nextStartingWith("* a user on s2"));
            assertEquals("* a user on s1 held zed first; you are renamed", second.nextStartingWith("* a user on s1"));
            String renamed = second.nextStartingWith("* you are now known as ");
            String newNick = renamed.substring("* you are now known as ".length());
            assertEquals("* " + "zed is now known as " + newNick, first.nextStartingWith("* zed is now known as"));
            Federated.awaitWho(first, "* 2 users online: " + newNick + " (s2), zed (s1)");
        }
    }
}
