package linkchat.wire;

/** What a server's name may be: what peers and users see, kept plain so it fits every message unquoted. Stateless. */
public final class ServerName {
    /** Longest name: a name is shown in notices and /who replies, so a peer cannot make them long. */
    public static final int MAX_LENGTH = 64;

    /** The rule, as an error message says it. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-'";

    private ServerName() {}

    /** True if {@code name} follows {@link #RULE}. */
    public static boolean valid(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True for the characters a name is made of: ASCII letters and digits, '.', '_' and '-'. */
    public static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
