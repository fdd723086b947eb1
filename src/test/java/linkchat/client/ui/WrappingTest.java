package linkchat.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import linkchat.client.Incoming;

class WrappingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T11:40:00Z"), ZoneId.of("Europe/Warsaw"));
    private final LineStyle colour = new LineStyle(true, CLOCK);

    private String wrapped(String raw, int width) {
        Incoming line = Incoming.parse(raw);
        AttributedString text = colour.render(line, "ala");
        return Wrapping.wrap(text, Wrapping.indentOf(line, text), width).toString();
    }

    @Test
    void chatLinesBreakAtSpacesAndContinueUnderTheText() {
        assertEquals("""
                12:40 bob: the quick brown
                           fox jumps over
                           the lazy dog""", wrapped("bob: the quick brown fox jumps over the lazy dog", 26));
        assertEquals("""
                12:40 bob: the quick
                      brown fox
                      jumps over the
                      lazy dog""", wrapped("bob: the quick brown fox jumps over the lazy dog", 20),
                "a continuation that would leave under 10 columns starts under the stamp");
        assertEquals("12:40 bob: fits exactly", wrapped("bob: fits exactly", 23));
    }

    @Test
    void noticesAndHistoryContinueUnderTheirText() {
        assertEquals("""
                12:40 * bob left
                        (gone for
                        lunch)""", wrapped("* bob left (gone for lunch)", 18));
        assertEquals("""
                02:15 [history] bob: one two
                                     three""", wrapped("* history 2026-11-25T01:15:02Z bob: one two three", 31));
    }

    @Test
    void aWordLongerThanARowIsCutAndEveryRowFits() {
        String out = wrapped("bob: " + "x".repeat(30) + " end", 21);
        assertEquals("""
                12:40 bob: xxxxxxxxxx
                           xxxxxxxxxx
                           xxxxxxxxxx
                           end""", out);
    }

    @Test
    void wideCharactersCountTwoColumnsAndStylesSurvive() {
        assertEquals("""
                12:40 bob: 日本語
                           日本""", wrapped("bob: 日本語 日本", 21));
        Incoming line = Incoming.parse("bob: aaa bbb");
        AttributedString text = colour.render(line, "ala");
        AttributedString out = Wrapping.wrap(text, Wrapping.indentOf(line, text), 15);
        int b = out.toString().lastIndexOf('b');
        assertEquals(text.styleAt(text.length() - 1), out.styleAt(b));
        assertEquals(AttributedStyle.DEFAULT.foreground(LineStyle.colourOf("bob")), out.styleAt("12:40 ".length()));
    }

    @Test
    void aLongNickIndentsUnderTheStampAndAnUnknownWidthLeavesTheLineWhole() {
        assertEquals("""
                12:40 averyveryverylongnick: one
                      two""", wrapped("averyveryverylongnick: one two", 32));
        assertEquals("12:40 bob: a b c", wrapped("bob: a b c", 0));
    }
}
