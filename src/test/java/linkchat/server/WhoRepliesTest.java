package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import linkchat.wire.Frames;

class WhoRepliesTest {
    private static List<Roster.WhoRow> rows(String... nicks) {
        List<Roster.WhoRow> rows = new ArrayList<>();
        for (String n : nicks) {
            rows.add(new Roster.WhoRow(NickRules.key(n), n, "s1"));
        }
        return rows;
    }

    @Test
    void askersOfTheSameRosterShareOneFrame() {
        WhoReplies replies = new WhoReplies();
        byte[] first = replies.frameFor(rows("bob", "ala"));
        assertSame(first, replies.frameFor(rows("bob", "ala")), "the same roster, copied again, is answered by the same frame");
        String text = new String(first, Frames.HEADER_SIZE, first.length - Frames.HEADER_SIZE, StandardCharsets.UTF_8);
        assertEquals("* 2 users online: ala (s1), bob (s1)", text);
        assertNotSame(first, replies.frameFor(rows("bob", "ala", "cez")), "a changed roster gets a new answer");
    }
}
