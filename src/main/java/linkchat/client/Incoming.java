package linkchat.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line the client shows, classified: what the server sent (already sanitized) or what the
 * client says itself. {@link #raw()} is always the line exactly as plain mode prints it.
 * Immutable, so any thread may hold one.
 */
public sealed interface Incoming {
    /** The prefix of every line that is not a chat line (PROTOCOL.md part 2). */
    String NOTICE = "* ";

    /** What follows the nick and colon in a {@code /me}: {@code ala: * waves}. */
    String ACTION = "* ";

    /** The prefix of a private line: {@code [msg] ala -> bob: hi}. */
    String PRIVATE = "[msg] ";

    /** The prefix of a backlog line: {@code * history 2026-11-25T01:15:02Z ala: hello}. */
    String HISTORY = "* history ";

    /** The welcome notice, naming the nick the server gave us (PROTOCOL.md part 2). */
    Pattern WELCOME = Pattern.compile("\\* welcome to .+, you are (\\S+); /help lists the commands");

    /** The notice of our own rename. */
    Pattern RENAMED = Pattern.compile("\\* you are now known as (\\S+)");

    /** The line as received, or as the client wrote it. */
    String raw();

    /** {@code nick: text}, a chat line. */
    record Chat(String raw, String nick, String text) implements Incoming {}

    /**
     * {@code nick: * action}, a {@code /me}; shown as {@code * nick action}. A chat line whose
     * text starts with {@code "* "} is taken for one too, which misleads nobody: the author's
     * nick is still the one the server put in front.
     */
    record Action(String raw, String nick, String action) implements Incoming {}

    /**
     * {@code [msg] from -> to: text}, a private line ({@code /msg}) that we sent or were sent:
     * only the server starts a line with {@code "[msg] "}, and nicks hold neither spaces nor
     * colons, so the two nicks are where they seem.
     */
    record Private(String raw, String from, String to, String text) implements Incoming {}

    /** {@code * ...}, a server notice: only the server starts a line with {@code "* "}. */
    record Notice(String raw) implements Incoming {}

    /** A backlog line: {@code line} as it was said at {@code at}. */
    record History(String raw, Instant at, Incoming line) implements Incoming {}

    /** The {@code /who} reply, with the users it lists in the server's order. */
    record Who(String raw, List<User> users) implements Incoming {}

    /** A line the client itself writes (help, its own errors); never from the network. */
    record Local(String raw) implements Incoming {}

    /** Anything else the server may send, shown as it came. */
    record Text(String raw) implements Incoming {}

    /** One row of a {@code /who} reply: a nick and the server it is on. */
    record User(String nick, String server) {}

    /** The nick a server notice gives us, or null if the line is not about our own nick. */
    static String ownNick(String line) {
        if (!line.startsWith(NOTICE)) {
            return null;
        }
        Matcher m = WELCOME.matcher(line);
        if (m.matches()) {
            return m.group(1);
        }
        m = RENAMED.matcher(line);
        return m.matches() ? m.group(1) : null;
    }

    /** Classifies one sanitized line from the server. */
    static Incoming parse(String line) {
        if (line.startsWith(HISTORY)) {
            History history = history(line);
            if (history != null) {
                return history;
            }
        }
        if (line.startsWith(PRIVATE)) {
            Private whispered = whispered(line);
            if (whispered != null) {
                return whispered;
            }
        }
        if (line.startsWith(NOTICE)) {
            List<User> users = whoUsers(line);
            return users == null ? new Notice(line) : new Who(line, users);
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).indexOf(' ') < 0) {
            String nick = line.substring(0, colon);
            String text = line.substring(colon + 2);
            return text.startsWith(ACTION) ? new Action(line, nick, text.substring(ACTION.length())) : new Chat(line, nick, text);
        }
        return new Text(line);
    }

    /** {@code [msg] from -> to: text}, or null if the line does not have that shape. */
    private static Private whispered(String line) {
        int arrow = line.indexOf(" -> ", PRIVATE.length());
        int colon = arrow < 0 ? -1 : line.indexOf(": ", arrow + 4);
        if (colon < 0) {
            return null;
        }
        String from = line.substring(PRIVATE.length(), arrow);
        String to = line.substring(arrow + 4, colon);
        if (from.isEmpty() || to.isEmpty() || from.indexOf(' ') >= 0 || to.indexOf(' ') >= 0) {
            return null;
        }
        return new Private(line, from, to, line.substring(colon + 2));
    }

    private static History history(String line) {
        int space = line.indexOf(' ', HISTORY.length());
        if (space < 0) {
            return null;
        }
        try {
            Instant at = Instant.parse(line.substring(HISTORY.length(), space));
            return new History(line, at, parse(line.substring(space + 1)));
        } catch (DateTimeParseException e) {
            return null; // a notice that merely starts with the word "history"
        }
    }

    /** The users of a {@code * N users online: a (s1), b (s2)} reply, or null if it is not one. */
    static List<User> whoUsers(String line) {
        int colon = line.indexOf(" online: ");
        if (colon < 0) {
            return null;
        }
        String head = line.substring(NOTICE.length(), colon);
        if (!head.matches("\\d+ users?")) {
            return null;
        }
        List<User> users = new ArrayList<>();
        for (String entry : line.substring(colon + " online: ".length()).split(", ")) {
            int open = entry.lastIndexOf(" (");
            if (open <= 0 || !entry.endsWith(")")) {
                return null;
            }
            users.add(new User(entry.substring(0, open), entry.substring(open + 2, entry.length() - 1)));
        }
        return List.copyOf(users);
    }
}
