package linkchat.server.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Nicks;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;

class PeerChannelTest {
    @Test
    void theLargestStateAServerCanSendFitsInOnePeerFrame() {
        String nick = "\uD83D\uDE00".repeat(Nicks.MAX_LENGTH); // four UTF-8 bytes a character
        List<PeerMessage.User> users = new ArrayList<>();
        for (int i = 0; i < PeerCodec.MAX_STATE_USERS; i++) {
            users.add(new PeerMessage.User(nick, Long.MIN_VALUE));
        }
        List<String> links = new ArrayList<>();
        for (int i = 0; i < PeerCodec.MAX_LINKS; i++) {
            links.add("s".repeat(64));
        }
        PeerMessage.OriginState st = new PeerMessage.OriginState("o".repeat(64), Long.MAX_VALUE, Long.MAX_VALUE, users, links, true);
        int bytes = PeerCodec.encode(new PeerMessage.Jump(Long.MAX_VALUE, st)).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= PeerChannel.MAX_PEER_PAYLOAD, bytes + " bytes");
    }
}
