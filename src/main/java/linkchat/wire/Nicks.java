package linkchat.wire;

import java.util.Optional;

/**
 * What makes a nickname acceptable, and how two nicknames are compared. The same rule holds
 * for a nick a client asks for and for one a linked server carries. Stateless.
 */
public final class Nicks {
    /** Longest nick in code points: keeps every chat line's prefix short and aligned. */
    public static final int MAX_LENGTH = 32;

    /** The rule, as told to a client whose nick was refused. */
    public static final String RULE = "a nick is 1 to " + MAX_LENGTH
            + " characters, with no spaces, no ':' and no control or invisible characters, not starting with '*' or '/'";

    /**
     * Characters that are letters or symbols to Unicode yet draw nothing: Hangul fillers and the
     * blank Braille pattern. A nick of them would look empty.
     */
    private static final String BLANKS = "\u115f\u1160\u3164\uffa0\u2800";

    private Nicks() {}

    /** Returns why {@code nick} is refused, or empty if it is acceptable. */
    public static Optional<String> problem(String nick) {
        int length = nick.codePointCount(0, nick.length());
        if (length == 0 || length > MAX_LENGTH) {
            return Optional.of(RULE);
        }
        if (nick.startsWith("*") || nick.startsWith("/")) {
            return Optional.of(RULE);
        }
        boolean bad = nick.codePoints().anyMatch(Nicks::forbidden);
        boolean visible = nick.codePoints().anyMatch(Nicks::visibleBase);
        return bad || !visible ? Optional.of(RULE) : Optional.empty();
    }

    /** True if {@code nick} is acceptable. */
    public static boolean valid(String nick) {
        return problem(nick).isEmpty();
    }

    /**
     * The key under which a nick is unique: its look-alike skeleton (see {@link Confusables}),
     * so that no nick can pass for another that is already taken.
     */
    public static String key(String nick) {
        return Confusables.skeleton(nick);
    }

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
                || BLANKS.indexOf(cp) >= 0
                || Confusables.ignorable(cp);
    }
}
