package linkchat.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import linkchat.wire.HostPort;

/**
 * What the client needs to start: the server's address, the nick to ask for (null to keep the
 * one the server assigns), where the terminal client keeps its input history, and whether the
 * terminal client may use colour, the servers to fail over to after the first, and the TLS
 * context to connect with (null for plain TCP, the default), whether a line that names the user
 * rings the terminal's bell, and whether the backlog a server sends on joining is shown.
 */
public record ClientConfig(String host, int port, String nick, Path historyFile, boolean colour, List<HostPort> fallbacks,
        SSLContext tls, boolean bell, boolean backlog) {
    /** The history's name in a home directory, when no XDG state directory is set. */
    public static final String DEFAULT_HISTORY_NAME = ".linkchat_history";

    /** Checks the fields; a null {@code historyFile} becomes {@link #defaultHistory} for this process's environment. */
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
        fallbacks = List.copyOf(fallbacks);
        for (HostPort server : fallbacks) {
            if (server.host().isBlank() || server.port() < 1 || server.port() > 65_535) {
                throw new IllegalArgumentException("bad server " + server);
            }
        }
        if (historyFile == null) {
            historyFile = defaultHistory(System::getenv, System.getProperty("user.home"));
        }
    }

    /**
     * Where the history lives unless {@code --history} says otherwise:
     * {@code $XDG_STATE_HOME/linkchat/history} when that names an absolute directory (as the XDG
     * base directory rules ask), else {@code $HOME/.linkchat_history}, else the same file in
     * {@code accountHome}, Java's idea of the home directory (the account's, whatever $HOME says).
     */
    public static Path defaultHistory(UnaryOperator<String> env, String accountHome) {
        String state = env.apply("XDG_STATE_HOME");
        if (state != null && !state.isEmpty() && Path.of(state).isAbsolute()) {
            return Path.of(state, "linkchat", "history");
        }
        String home = env.apply("HOME");
        return Path.of(home == null || home.isEmpty() ? accountHome : home, DEFAULT_HISTORY_NAME);
    }

    /** A configuration that rings the bell for mentions and shows the backlog. */
    public ClientConfig(String host, int port, String nick, Path historyFile, boolean colour, List<HostPort> fallbacks,
            SSLContext tls) {
        this(host, port, nick, historyFile, colour, fallbacks, tls, true, true);
    }

    /** A configuration over plain TCP. */
    public ClientConfig(String host, int port, String nick, Path historyFile, boolean colour, List<HostPort> fallbacks) {
        this(host, port, nick, historyFile, colour, fallbacks, null);
    }

    /** A configuration with one server. */
    public ClientConfig(String host, int port, String nick, Path historyFile, boolean colour) {
        this(host, port, nick, historyFile, colour, List.of());
    }

    /** A configuration in colour. */
    public ClientConfig(String host, int port, String nick, Path historyFile) {
        this(host, port, nick, historyFile, true);
    }

    /** A configuration in colour with the default history file. */
    public ClientConfig(String host, int port, String nick) {
        this(host, port, nick, null);
    }

    /**
     * Whether colour is wanted: not when {@code --no-color} was given, nor when the
     * {@code NO_COLOR} environment variable holds anything (see no-color.org).
     */
    public static boolean colourWanted(boolean noColorOption, String noColorVariable) {
        return !noColorOption && (noColorVariable == null || noColorVariable.isEmpty());
    }

    /** The first server's address as shown to the user: {@code host:port}, with an IPv6 literal in brackets. */
    public String server() {
        return new HostPort(host, port).toString();
    }

    /** Every server, the first one first, in the order a reconnect tries them. */
    public List<HostPort> servers() {
        List<HostPort> all = new ArrayList<>();
        all.add(new HostPort(host, port));
        all.addAll(fallbacks);
        return List.copyOf(all);
    }
}
