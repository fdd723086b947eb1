package linkchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of chat lines whose senders number them: {@code nick: SENDER N}, N counting from 0 for each sender. */
public final class NumberedLines {
    private static final Pattern NUMBERED = Pattern.compile("[^:]+: (\\S+) (\\d+)");

    private NumberedLines() {}

    /** The text a sender sends as its line {@code n}. */
    public static String line(String sender, long n) {
        return sender + " " + n;
    }

    /**
     * Fails unless the lines of each of {@code senders} among {@code lines} (as a client was shown
     * them, "nick: text") come once each and in order, from 0; returns how many each had. Other
     * lines are not looked at; {@code who} names the viewer in a failure.
     */
    public static Map<String, Integer> assertOnceInOrder(String who, List<String> lines, Set<String> senders) {
        Map<String, Integer> next = new HashMap<>();
        for (String line : lines) {
            Matcher m = NUMBERED.matcher(line);
            if (!m.matches() || !senders.contains(m.group(1))) {
                continue;
            }
            int expected = next.getOrDefault(m.group(1), 0);
            assertEquals(expected, Long.parseLong(m.group(2)), () -> who + " was shown " + line + " where "
                    + line(m.group(1), expected) + " was due (a line out of order, twice, or lost); all it was shown: " + lines);
            next.put(m.group(1), expected + 1);
        }
        return next;
    }
}
