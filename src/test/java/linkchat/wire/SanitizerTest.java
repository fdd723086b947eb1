package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SanitizerTest {
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("hello\u001b[2Jworld", "helloworld", "CSI clear screen"),
                Arguments.of("\u001b[31mred\u001b[0m", "red", "SGR colours"),
                Arguments.of("a\u001b]0;owned\u0007b", "ab", "OSC title ended by BEL"),
                Arguments.of("a\u001b]2;owned\u001b\\b", "ab", "OSC title ended by ESC backslash"),
                Arguments.of("a\u001bPq#0;2;0;0;0\u001b\\b", "ab", "DCS sixel"),
                Arguments.of("a\u001bcb", "ab", "two-character ESC (reset)"),
                Arguments.of("a\u009b2Jb", "ab", "8-bit CSI"),
                Arguments.of("a\u009d0;x\u009cb", "ab", "8-bit OSC with 8-bit ST"),
                Arguments.of("bell\u0007 nul\u0000 del\u007f", "bell nul del", "C0 and DEL"),
                Arguments.of("a\u0085b", "ab", "C1 next line"),
                Arguments.of("tab\there", "tab here", "tab becomes a space"),
                Arguments.of("two\r\nlines", "two  lines", "line breaks become spaces"),
                Arguments.of("trailing escape\u001b", "trailing escape", "lone ESC at the end"),
                Arguments.of("zażółć ✓ 😀", "zażółć ✓ 😀", "ordinary Unicode kept"),
                Arguments.of("photo\u202egpj.exe", "photogpj.exe", "right-to-left override"),
                Arguments.of("a\u202ab\u202bc\u202cd\u202de", "abcde", "bidi embeddings and pop"),
                Arguments.of("a\u2066b\u2067c\u2068d\u2069e", "abcde", "bidi isolates"),
                Arguments.of("a\u200eb\u200fc\u061cd", "abcd", "left-to-right, right-to-left and Arabic letter marks"),
                Arguments.of("zero\u200bwidth\ufeff", "zerowidth", "zero-width space and BOM"),
                Arguments.of("a\u2060b\u180ec", "abc", "word joiner and Mongolian vowel separator"),
                Arguments.of("line\u2028para\u2029end", "line para end", "Unicode line and paragraph separators become spaces"),
                Arguments.of("👨\u200d👩\u200d👧 می\u200cخواهم", "👨\u200d👩\u200d👧 می\u200cخواهم", "joiner and non-joiner kept"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("samples")
    void removesWhatCouldDriveATerminal(String input, String expected, String what) {
        assertEquals(expected, Sanitizer.clean(input));
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String text = "nothing to do here";
        assertSame(text, Sanitizer.clean(text));
    }
}
