package linkchat.wire;

/**
 * Removes whatever could drive a terminal from user text: C0 controls, DEL, C1 controls, and
 * whole escape sequences (CSI, OSC, DCS, and the two-character ESC forms, in 7-bit and 8-bit
 * spellings); and what could make a line show other than it reads: bidi controls and
 * zero-width characters. Tabs and line breaks (U+2028 and U+2029 too) become single spaces so
 * words stay apart. Stateless.
 */
public final class Sanitizer {
    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char CSI_8BIT = 0x9b;
    private static final char ST_8BIT = 0x9c;
    private static final char LINE_SEPARATOR = 0x2028;
    private static final char PARAGRAPH_SEPARATOR = 0x2029;

    private Sanitizer() {}

    /** Returns {@code text} without control characters, escape sequences or invisible ones; the same instance if it had none. */
    public static String clean(String text) {
        if (!needsCleaning(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = skipEscape(text, i + 1);
            } else if (c == CSI_8BIT) {
                i = skipCsi(text, i + 1);
            } else if (isStringIntroducer8bit(c)) {
                i = skipString(text, i + 1);
            } else if (isInvisiblePair(text, i)) {
                i += 2;
            } else {
                if (isBreak(c)) {
                    out.append(' ');
                } else if (!isControl(c) && !isInvisible(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    private static boolean needsCleaning(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) || isInvisible(c) || isBreak(c) || isInvisiblePair(text, i)) {
                return true;
            }
        }
        return false;
    }

    /** C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F). */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** Tab, line feed, carriage return, and Unicode's line and paragraph separators. */
    private static boolean isBreak(char c) {
        return c == '\t' || c == '\n' || c == '\r' || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR;
    }

    /**
     * Bidi controls (ALM, LRM, RLM, the embeddings, overrides and isolates), which reorder the
     * rest of a line, so that U+202E makes {@code gpj.exe} show as {@code exe.jpg}; and the
     * zero-width space, word joiner, invisible operators, BOM and Mongolian vowel separator,
     * which hide inside a word. The zero-width joiner and non-joiner stay: emoji sequences and
     * several scripts are written with them, and they join only what is already there.
     */
    static boolean isInvisible(char c) {
        return c == 0x061c || c == 0x180e || c == 0x200b || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206f) || (c >= 0xfff9 && c <= 0xfffb)
                || c == 0xfeff;
    }

    /**
     * Invisible characters beyond the first plane, as the surrogate pair at {@code i}: the tag
     * characters (U+E0001, U+E0020..U+E007F), which can carry a hidden message inside a line,
     * and the musical formatting controls (U+1D173..U+1D17A). Emoji flags of regions spelt with
     * tags then show as a plain black flag.
     */
    private static boolean isInvisiblePair(String s, int i) {
        if (i + 1 >= s.length() || !Character.isSurrogatePair(s.charAt(i), s.charAt(i + 1))) {
            return false;
        }
        int cp = Character.toCodePoint(s.charAt(i), s.charAt(i + 1));
        return cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f) || (cp >= 0x1d173 && cp <= 0x1d17a);
    }

    /** DCS, SOS, OSC, PM, APC in their 8-bit form: each opens a string ended by ST or BEL. */
    private static boolean isStringIntroducer8bit(char c) {
        return c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f;
    }

    /** {@code i} points just after ESC; returns the index after the whole sequence. */
    private static int skipEscape(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        char c = s.charAt(i);
        return switch (c) {
            case '[' -> skipCsi(s, i + 1);
            case ']', 'P', 'X', '^', '_' -> skipString(s, i + 1);
            default -> i + 1;
        };
    }

    /** Skips parameter and intermediate bytes up to and including the final byte (0x40..0x7E). */
    private static int skipCsi(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c >= 0x40 && c <= 0x7e) {
                break;
            }
        }
        return i;
    }

    /** Skips a control string up to and including its terminator: BEL, ESC \ or 8-bit ST. */
    private static int skipString(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == BEL || c == ST_8BIT) {
                break;
            }
            if (c == ESC && i < s.length() && s.charAt(i) == '\\') {
                return i + 1;
            }
        }
        return i;
    }
}
