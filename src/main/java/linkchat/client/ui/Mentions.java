package linkchat.client.ui;

import java.util.regex.Pattern;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import linkchat.client.Incoming;

/**
 * Lines from others that name the user: the nick as a whole word (not inside another word, any
 * case), {@code ala}, {@code @Ala} or {@code ALA:} but not {@code alan}. In colour the nick is
 * highlighted where it stands; without colour the line is marked {@link #MARK} instead.
 * Stateless; any thread may use it.
 */
final class Mentions {
    /** What marks a line that names the user when there is no colour to show it. */
    static final String MARK = "[!] ";

    /** Black on yellow: readable on dark and light backgrounds, and unlike any nick colour. */
    private static final AttributedStyle HIGHLIGHT =
            AttributedStyle.DEFAULT.background(AttributedStyle.YELLOW).foreground(AttributedStyle.BLACK).bold();

    private Mentions() {}

    /** Whether {@code line}, just received while our nick is {@code own}, is someone else's chat line or action naming us. */
    static boolean names(Incoming line, String own) {
        String said = said(line, own);
        return said != null && word(own).matcher(said).find();
    }

    /**
     * {@code rendered}, the styled form of {@code line}, a line that {@link #names} us, with the
     * mention shown: highlighted in colour, else marked before its text begins ({@code textStart},
     * after the stamp).
     */
    static AttributedString show(Incoming line, AttributedString rendered, int textStart, String own, boolean colour) {
        AttributedStringBuilder out = new AttributedStringBuilder().append(rendered.subSequence(0, textStart));
        if (!colour) {
            return out.append(MARK).append(rendered.subSequence(textStart, rendered.length())).toAttributedString();
        }
        // What was said ends the rendered line; the sender's nick before it may hold our own as a word.
        int body = rendered.length() - said(line, own).length();
        out.append(rendered.subSequence(textStart, body));
        AttributedStringBuilder said = new AttributedStringBuilder().append(rendered.subSequence(body, rendered.length()));
        return out.append(said.styleMatches(word(own), HIGHLIGHT)).toAttributedString();
    }

    /** What someone other than {@code own} said in {@code line}, a chat line or an action; null for any other line. */
    private static String said(Incoming line, String own) {
        if (own == null) {
            return null;
        }
        return switch (line) {
            case Incoming.Chat chat when !chat.nick().equals(own) -> chat.text();
            case Incoming.Action action when !action.nick().equals(own) -> action.action();
            default -> null;
        };
    }

    /** {@code nick} as a word: no letter, digit or underscore right before or after it. */
    private static Pattern word(String nick) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(nick) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
