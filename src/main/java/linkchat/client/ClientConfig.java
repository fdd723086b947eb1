package linkchat.client;

import java.nio.file.Path;

/**
 * What the client needs to start: the server's address, the nick to ask for (null to keep the
 * one the server assigns), and where the terminal client keeps its input history.
 */
public record ClientConfig(String host, int port, String nick, Path historyFile) {
    /** Where the history lives unless the caller says otherwise. */
    public static final String DEFAULT_HISTORY_NAME = ".linkchat_history";

    /** Checks the fields; a null {@code historyFile} becomes {@code ~/.linkchat_history}. */
    public ClientConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        if (nick != null && (nick.isEmpty() || nick.codePoints().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("nick must be non-empty and hold no spaces");
        }
        if (historyFile == null) {
            historyFile = Path.of(System.getProperty("user.home"), DEFAULT_HISTORY_NAME);
        }
    }

    /** A configuration with the default history file. */
    public ClientConfig(String host, int port, String nick) {
        this(host, port, nick, null);
    }

    /** The server's address as shown to the user: {@code host:port}, with an IPv6 literal in brackets. */
    public String server() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
