package linkchat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import linkchat.wire.Command;

/**
 * Every command the client understands, declared once: the server's table
 * ({@link Command#SPECS}) with the client's own meaning where it answers a command itself, plus
 * the client-only forms. {@code /help}, completion and the README all follow this table.
 */
public final class CommandTable {
    /** One command as {@code /help} lists it. */
    public record Row(String name, String usage, String summary) {}

    /** The client's own command to reconnect at once; never sent to a server. */
    public static final String RECONNECT = "/reconnect";

    /** The client's own answer to the last private line: sent as {@code /msg} to its author. */
    public static final String REPLY = "/reply";

    /** What the client says of the commands it answers itself, by name; the rest go to the server. */
    private static final Map<String, String> CLIENT_SUMMARIES = Map.of(
            "help", "list the commands (answered by the client)",
            "quit", "leave at once, connected or not (Ctrl-D too)");

    /** The table, in the server's order, then the client-only rows. */
    public static final List<Row> ROWS = rows();

    /** Width of the usage column in {@link #helpLines}: the longest usage plus a gap. */
    private static final int USAGE_WIDTH = ROWS.stream().mapToInt(r -> r.usage().length()).max().orElse(0) + 2;

    private CommandTable() {}

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Command.Spec spec : Command.SPECS) {
            String local = CLIENT_SUMMARIES.get(spec.name());
            rows.add(new Row(spec.name(), spec.usage(), local == null ? spec.summary() : local));
        }
        rows.add(new Row(REPLY.substring(1), REPLY + " TEXT",
                "answer whoever last wrote to you privately"));
        rows.add(new Row(RECONNECT.substring(1), RECONNECT,
                "connect again at once (answered by the client)"));
        rows.add(new Row("", "//TEXT", "send a chat line that starts with a slash"));
        rows.add(new Row("", "Ctrl-C", "clear the line being typed"));
        rows.add(new Row("", "Ctrl-R", "search the lines typed before"));
        rows.add(new Row("", "Tab", "complete a command or a nick"));
        return List.copyOf(rows);
    }

    /** The {@code /help} answer: one notice per row, usages aligned. */
    public static List<String> helpLines() {
        return ROWS.stream().map(r -> Incoming.NOTICE + pad(r.usage()) + r.summary()).toList();
    }

    /** The typed forms that complete: {@code /nick}, {@code /who}, ... */
    public static List<String> commandWords() {
        return ROWS.stream().filter(r -> !r.name().isEmpty()).map(r -> "/" + r.name()).toList();
    }

    /** Whether {@code line} is {@link #RECONNECT}, in any case, as commands are. */
    public static boolean isReconnect(String line) {
        return line.strip().equalsIgnoreCase(RECONNECT);
    }

    /** The text of a {@code /reply TEXT} line (empty if none was given), or null if {@code line} is not one. */
    public static String replyText(String line) {
        String head = line.length() >= REPLY.length() ? line.substring(0, REPLY.length()) : "";
        boolean reply = head.equalsIgnoreCase(REPLY) && (line.length() == REPLY.length() || line.charAt(REPLY.length()) == ' ');
        return reply ? line.substring(REPLY.length()).strip() : null;
    }

    private static String pad(String usage) {
        return usage + " ".repeat(USAGE_WIDTH - usage.length());
    }
}
