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
                Arguments.of("zażółć ✓ 😀", "zażółć ✓ 😀", "ordinary Unicode kept"));
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
