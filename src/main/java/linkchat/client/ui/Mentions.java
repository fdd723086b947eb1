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
        return own != null && switch (line) {
            case Incoming.Chat chat -> !chat.nick().equals(own) && word(own).matcher(chat.text()).find();
            case Incoming.Action action -> !action.nick().equals(own) && word(own).matcher(action.action()).find();
            default -> false;
        };
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
        // The sender's nick before the text may hold our own as a word: only the text is searched.
        int body = textStart + switch (line) {
            case Incoming.Action action -> "* ".length() + action.nick().length() + 1;
            default -> rendered.toString().indexOf(": ", textStart) + 2 - textStart;
        };
        out.append(rendered.subSequence(textStart, body));
        AttributedStringBuilder said = new AttributedStringBuilder().append(rendered.subSequence(body, rendered.length()));
        return out.append(said.styleMatches(word(own), HIGHLIGHT)).toAttributedString();
    }

    /** {@code nick} as a word: no letter, digit or underscore right before or after it. */
    private static Pattern word(String nick) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(nick) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
