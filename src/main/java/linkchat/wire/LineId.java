package linkchat.wire;

/**
 * What a client's line id may be (PROTOCOL.md 2, "Line ids"): the id linkchat's client gives
 * each line it sends with {@code /line ID TEXT}, so that a line resent after a fail-over is
 * delivered once. Stateless.
 */
public final class LineId {
    /**
     * Longest id, in characters (ASCII, so bytes too): enough for a random token and a counter,
     * and it bounds what every event and each server's window of recent ids may hold for one.
     */
    public static final int MAX_LENGTH = 64;

    /** The rule, as an error message says it. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, '.', '_', ':' or '-'";

    /**
     * How the server acknowledges a line: this, then the id, to its sender alone. It starts as
     * every server notice does and no user's line can, so nothing anyone sends can pass for one.
     */
    public static final String ACK = "* ack ";

    /** The command that carries a line with its id: {@code /line ID TEXT}. */
    public static final String COMMAND = "/line";

    private LineId() {}

    /** True if {@code id} follows {@link #RULE}. */
    public static boolean valid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!ServerName.allowed(c) && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** The payload that sends {@code payload} (a chat line, {@code /me ...} or {@code /msg ...}) under {@code id}. */
    public static String wrap(String id, String payload) {
        return COMMAND + " " + id + " " + payload;
    }
}
