package linkchat.server;

import java.util.Locale;
import java.util.Optional;

/** What makes a nickname acceptable, and how two nicknames are compared. Stateless. */
final class NickRules {
    /** Longest nick in code points: keeps every chat line's prefix short and aligned. */
    static final int MAX_LENGTH = 32;

    /** The rule, as told to a client whose nick was refused. */
    static final String RULE = "a nick is 1 to " + MAX_LENGTH
            + " characters, with no spaces, no ':' and no control or invisible characters, not starting with '*' or '/'";

    private NickRules() {}

    /** Returns why {@code nick} is refused, or empty if it is acceptable. */
    static Optional<String> problem(String nick) {
        int length = nick.codePointCount(0, nick.length());
        if (length == 0 || length > MAX_LENGTH) {
            return Optional.of(RULE);
        }
        if (nick.startsWith("*") || nick.startsWith("/")) {
            return Optional.of(RULE);
        }
        boolean bad = nick.codePoints().anyMatch(NickRules::forbidden);
        return bad ? Optional.of(RULE) : Optional.empty();
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
                || type == Character.SURROGATE;
    }

    /** The key under which a nick is unique: case-insensitive, locale-independent. */
    static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }
}
