package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import linkchat.client.Incoming;

class LineStyleTest {
    /** 01:15:02 UTC is 02:15 in Warsaw in November. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T11:40:00Z"), ZoneId.of("Europe/Warsaw"));
    private final LineStyle colour = new LineStyle(true, CLOCK);
    private final LineStyle plain = new LineStyle(false, CLOCK);

    @Test
    void everyLineIsStampedWithTheLocalTime() {
        assertEquals("12:40 bob: hi", plain.render(Incoming.parse("bob: hi"), "ala").toString());
        assertEquals("12:40 * bob joined", plain.render(Incoming.parse("* bob joined"), "ala").toString());
    }

    @Test
    void historyIsMarkedWithItsOwnTime() {
        AttributedString line = colour.render(Incoming.parse("* history 2026-11-25T01:15:02Z bob: old"), "ala");
        assertEquals("02:15 [history] bob: old", line.toString());
        assertEquals("02:15 [history] * bob waves",
                plain.render(Incoming.parse("* history 2026-11-25T01:15:02Z bob: * waves"), "ala").toString());
    }

    @Test
    void nicksHaveStableColoursOwnLinesAreBoldNoticesDim() {
        int at = "12:40 ".length();
        AttributedString bob = colour.render(Incoming.parse("bob: hi"), "ala");
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyle.colourOf("bob")), bob.styleAt(at));
        assertEquals(AttributedStyle.DEFAULT, bob.styleAt(bob.length() - 1));
        assertEquals(LineStyle.colourOf("Bob"), LineStyle.colourOf("bob"), "nicks compare case-insensitively");
        assertNotEquals(LineStyle.colourOf("ala"), LineStyle.colourOf("bob"));
        AttributedString mine = colour.render(Incoming.parse("ala: me"), "ala");
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyle.colourOf("ala")).bold(), mine.styleAt(at));
        assertEquals(AttributedStyle.BOLD, mine.styleAt(mine.length() - 1), "own lines stand out");
        AttributedString action = colour.render(Incoming.parse("bob: * waves"), "ala");
        assertEquals("12:40 * bob waves", action.toString(), "an action reads as it always did");
        assertEquals(AttributedStyle.DEFAULT.faint(), action.styleAt(action.length() - 1), "and is dim like a notice");
        AttributedString notice = colour.render(Incoming.parse("* bob joined"), "ala");
        assertEquals(AttributedStyle.DEFAULT.faint(), notice.styleAt(notice.length() - 1));
        assertEquals(AttributedStyle.DEFAULT.faint(), notice.styleAt(0), "the stamp is dim");
    }

    @Test
    void backlogFromBeforeTodayShowsItsDate() {
        assertEquals("2026-11-24 02:15 [history] bob: older",
                plain.render(Incoming.parse("* history 2026-11-24T01:15:02Z bob: older"), "ala").toString());
    }

    @Test
    void errorsStandOutFromTheDimmedNotices() {
        AttributedString error = colour.render(Incoming.parse("* error: nick taken"), "ala");
        assertEquals(AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.RED), error.styleAt(error.length() - 1));
        assertEquals("12:40 * error: nick taken", plain.render(Incoming.parse("* error: nick taken"), "ala").toString());
    }

    @Test
    void withoutColourThereIsNoEscapeAtAll() {
        for (String line : new String[] {"bob: hi", "ala: me", "* bob joined", "* history 2026-11-25T01:15:02Z bob: x"}) {
            String ansi = plain.render(Incoming.parse(line), "ala").toAnsi();
            assertFalse(ansi.contains("\u001b"), ansi);
        }
        String who = plain.whoTable((Incoming.Who) Incoming.parse("* 1 user online: ala (s1)"), "ala").toAnsi();
        assertFalse(who.contains("\u001b"), who);
    }

    @Test
    void whoIsATable() {
        String table = plain.whoTable((Incoming.Who) Incoming.parse("* 2 users online: ala (s1), bobby-long (s2)"), "ala").toString();
        assertEquals("""
                12:40 * 2 users online
                        NICK        SERVER
                        ala         s1
                        bobby-long  s2""", table);
    }
}
