package linkchat.wire;

import java.text.Normalizer;

/**
 * The skeleton two nicks are compared by: Unicode's confusables skeleton (UTS #39) cut down to
 * a small table of the letters that pass for Latin ones, with case folded too. Two nicks with
 * one skeleton would let one user pose as another, so only one of them may be held. The fold
 * errs on the side of calling nicks alike: a user refused a nick picks another, while a nick
 * that passes for someone else's misleads everyone who reads it. Stateless.
 */
final class Confusables {
    /**
     * Each character on the left looks like the Latin letter on the right (written lower-case,
     * as the skeleton is). The letters i, l, I, 1 and | are one class, spelt l: capital I and
     * small l look alike in many fonts, and case is folded, so small i must join them too.
     */
    private static final String[][] TABLE = {
        // ASCII is folded in fold(), without the table: I, i, 1 and | as l, 0 as o.
        // Latin letters of other shapes, small capitals, and the dental click (a bar)
        {"ıɩɪǀʟɑɡȷłƚ", "lllllagjll"},
        // Hyphens, dashes and the minus sign all pass for '-'
        {"‐‑‒–—―−", "-------"},
        {"ᴀʙᴄᴅᴇɢʜᴊᴋᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdeghjkmnoprstuvwyz"},
        // Cyrillic (capitals are looked up by their small letter)
        {"авгеһіјкмнопрстуүхѕьѡѵԁԛԝӏ", "abrehljkmhonpctyyxsbwvdqwl"},
        // Greek; a few capitals look unlike their small letter, so they have their own entry
        {"αβγεηικνορςτυχϳ", "abyenlkvopctuxj"},
        {"ΗΖΥΜΝ", "hzymn"},
        // Armenian
        {"օսհոցզ", "ouhngq"},
        // Cherokee capitals (their small letters are looked up by the capital)
        {"ᎠᎡᎢᎥᎩᎪᎫᎬᎳᎷᎻᎽᏀᏂᏃᏏᏒᏔᏕᏙᏚᏞᏟᏢᏦᏴ", "drtlyajewmhyghzbrwsvslcpkb"},
        // Lisu, a whole alphabet of Latin capitals
        {"ꓐꓑꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ", "bpdtgkjczfmnlsrvhwxyaelou"},
    };

    private static final String FROM;
    private static final String TO;

    static {
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        for (String[] row : TABLE) {
            if (row[0].length() != row[1].length()) {
                throw new IllegalStateException("confusables row " + row[1] + " is misaligned");
            }
            from.append(row[0]);
            to.append(row[1]);
        }
        FROM = from.toString();
        TO = to.toString();
    }

    /** Pairs of letters that read as one, each with that letter: rn as m, vv as w, cl as d. */
    private static final String[][] PAIRS = {{"rn", "m"}, {"vv", "w"}, {"cl", "d"}};

    /**
     * Unicode's default-ignorable code points (DerivedCoreProperties.txt): variation selectors,
     * joiners, fillers, bidi and other format controls, tags. They draw nothing, so a nick
     * holding one looks like the nick without it.
     */
    private static final int[][] IGNORABLE = {
        {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
        {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
        {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
        {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    };

    private Confusables() {}

    /** True if {@code cp} is default-ignorable: it draws nothing where it stands. */
    static boolean ignorable(int cp) {
        for (int[] range : IGNORABLE) {
            if (cp >= range[0] && cp <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The skeleton: compatibility decomposition (so full-width and styled letters count as
     * plain ones), without combining marks or default-ignorables (so {@code é}, {@code e} and
     * {@code e} with a keycap around it are alike), each letter folded through the table and to
     * lower case, then the letter pairs read as one.
     */
    static String skeleton(String nick) {
        String decomposed = isAscii(nick) ? nick : Normalizer.normalize(nick, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !dropped(cp)).forEach(cp -> append(out, fold(cp)));
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean dropped(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || ignorable(cp);
    }

    /** The letter {@code cp} passes for, found under it, its small letter or its capital. */
    private static int fold(int cp) {
        if (cp < 0x80) {
            // Most nicks are ASCII, and a roster sorts by key: spare them the table search.
            return switch (cp) {
                case 'I', 'i', '1', '|' -> 'l';
                case '0' -> 'o';
                default -> cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
            };
        }
        int at = indexOf(cp);
        if (at < 0) {
            at = indexOf(Character.toLowerCase(cp));
        }
        if (at < 0) {
            at = indexOf(Character.toUpperCase(cp));
        }
        return at >= 0 ? TO.charAt(at) : Character.toLowerCase(cp);
    }

    private static int indexOf(int cp) {
        return cp <= Character.MAX_VALUE ? FROM.indexOf(cp) : -1;
    }

    /** Appends one folded letter, reading it with the one before as a single letter where they pass for one. */
    private static void append(StringBuilder out, int cp) {
        out.appendCodePoint(cp);
        int n = out.length();
        for (String[] pair : PAIRS) {
            if (n >= 2 && out.charAt(n - 2) == pair[0].charAt(0) && out.charAt(n - 1) == pair[0].charAt(1)) {
                out.setLength(n - 2);
                out.append(pair[1]);
                return;
            }
        }
    }
}
