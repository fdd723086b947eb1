package linkchat.client.ui;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.WCWidth;

import linkchat.client.Incoming;

/**
 * Breaks a styled line into rows that fit the terminal, at spaces where it can, each row after
 * the first indented to where the message text starts: {@code 12:40 bob: } or {@code 12:40 * }.
 * A word longer than a row is cut where the row ends. Stateless; any thread may use it.
 */
final class Wrapping {
    /** Where text starts after {@code HH:MM }: the indent when a line's own would leave too little room. */
    static final int STAMP_COLUMNS = 6;

    /** Fewest columns a continuation leaves for text; past that it starts under the stamp, so a long nick leaves room for words. */
    static final int MIN_TEXT_COLUMNS = 10;

    private Wrapping() {}

    /** The column where the message text of {@code rendered}, the styled form of {@code line}, begins. */
    static int indentOf(Incoming line, AttributedString rendered) {
        Incoming said = line instanceof Incoming.History history ? history.line() : line;
        String mark = said instanceof Incoming.Chat ? ": " : Incoming.NOTICE;
        String text = rendered.toString();
        int at = text.indexOf(mark, STAMP_COLUMNS);
        return at < 0 ? STAMP_COLUMNS : columns(text, 0, at + mark.length());
    }

    /**
     * {@code line} in rows of at most {@code width} columns, continued {@code indent} columns in;
     * each row it already holds (a {@code /who} table) is wrapped on its own. A width of 0
     * (unknown) leaves it whole.
     */
    static AttributedString wrap(AttributedString line, int indent, int width) {
        if (width <= 0) {
            return line;
        }
        int in = width - indent >= MIN_TEXT_COLUMNS ? indent : width - STAMP_COLUMNS >= MIN_TEXT_COLUMNS ? STAMP_COLUMNS : 0;
        AttributedStringBuilder out = new AttributedStringBuilder();
        String text = line.toString();
        int start = 0;
        for (int nl = text.indexOf('\n'); ; nl = text.indexOf('\n', start)) {
            int end = nl < 0 ? text.length() : nl;
            wrapRow(out, line, start, end, indent, in, width);
            if (nl < 0) {
                return out.toAttributedString();
            }
            out.append('\n');
            start = nl + 1;
        }
    }

    /**
     * Appends {@code line[start, end)}, which holds no line break, in rows of at most
     * {@code width} columns: the first breaks only in its text, past {@code textStart}; the
     * others start {@code indent} columns in.
     */
    private static void wrapRow(AttributedStringBuilder out, AttributedString line, int start, int end, int textStart,
            int indent, int width) {
        String text = line.toString();
        int rowStart = start;
        int column = 0;
        int breakable = textStart; // spaces before this column (the stamp, the nick) are no place to break
        int lastSpace = -1; // in the current row, past breakable
        int i = start;
        while (i < end) {
            int cp = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (column + w > width && i > rowStart) {
                int cut = cp == ' ' ? i : lastSpace > rowStart ? lastSpace : i;
                boolean atSpace = text.charAt(cut) == ' ';
                out.append(line.subSequence(rowStart, cut)).append('\n').append(" ".repeat(indent));
                rowStart = atSpace ? cut + 1 : cut; // the space a row breaks at is not drawn
                i = rowStart; // the words carried over are measured again, after the indent
                column = indent;
                breakable = indent;
                lastSpace = -1;
                continue;
            }
            if (cp == ' ' && column >= breakable) {
                lastSpace = i;
            }
            column += w;
            i += Character.charCount(cp);
        }
        out.append(line.subSequence(rowStart, end));
    }

    private static int columns(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i += Character.charCount(text.codePointAt(i))) {
            n += Math.max(0, WCWidth.wcwidth(text.codePointAt(i)));
        }
        return n;
    }
}
