package linkchat.server;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** What makes a nickname acceptable, and how two nicknames are compared. Stateless. */
public final class NickRules {
    /** Longest nick in code points: keeps every chat line's prefix short and aligned. */
    static final int MAX_LENGTH = 32;

    /** The rule, as told to a client whose nick was refused. */
    static final String RULE = "a nick is 1 to " + MAX_LENGTH
            + " characters, with no spaces, no ':' and no control or invisible characters, not starting with '*' or '/'";

    private NickRules() {}

    /** Returns why {@code nick} is refused, or empty if it is acceptable; the command line asks too, before connecting. */
    public static Optional<String> problem(String nick) {
        int length = nick.codePointCount(0, nick.length());
        if (length == 0 || length > MAX_LENGTH) {
            return Optional.of(RULE);
        }
        if (nick.startsWith("*") || nick.startsWith("/")) {
            return Optional.of(RULE);
        }
        boolean bad = nick.codePoints().anyMatch(NickRules::forbidden);
        boolean visible = nick.codePoints().anyMatch(NickRules::visibleBase);
        return bad || !visible ? Optional.of(RULE) : Optional.empty();
    }

    /**
     * Characters that are letters or symbols to Unicode yet draw nothing: Hangul fillers and the
     * blank Braille pattern. A nick of them would look empty.
     */
    private static final String BLANKS = "\u115f\u1160\u3164\uffa0\u2800";

    /** True for a character that shows on its own: not a combining mark, not a blank-looking one. */
    private static boolean visibleBase(int cp) {
        int type = Character.getType(cp);
        return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.COMBINING_SPACING_MARK && BLANKS.indexOf(cp) < 0;
    }

    private static boolean forbidden(int cp) {
        int type = Character.getType(cp);
        return cp == ':'
                || Character.isWhitespace(cp)
                || Character.isSpaceChar(cp)
                || Character.isISOControl(cp)
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE
                || BLANKS.indexOf(cp) >= 0;
    }

    /**
     * Letters from other scripts that look like Latin ones, each with the Latin letter it passes
     * for: two nicks that differ only in these would let one user pose as another.
     */
    private static final String LOOKALIKES = "аa" + "вb" + "еe" + "ѕs" + "іi" + "јj" + "кk" + "мm" + "нh" + "оo"
            + "рp" + "сc" + "тt" + "уy" + "хx" + "ԁd" + "ӏl" + "ԛq" + "ԝw" + "αa" + "βb" + "εe" + "ιi" + "κk" + "νv"
            + "οo" + "ρp" + "τt" + "υu" + "χx" + "ℓl" + "ıi";

    /**
     * The key under which a nick is unique: compatibility-normalized (so full-width and styled
     * letters count as plain ones), case-folded, with look-alike letters of other scripts and the
     * digits 0 and 1 taken as the letters o and l they resemble.
     */
    static String key(String nick) {
        String folded = Normalizer.normalize(nick, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            int at = LOOKALIKES.indexOf(c);
            key.append(at >= 0 && at % 2 == 0 ? LOOKALIKES.charAt(at + 1) : c == '0' ? 'o' : c == '1' ? 'l' : c);
        }
        return key.toString();
    }
}
