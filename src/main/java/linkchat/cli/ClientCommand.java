package linkchat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import linkchat.client.ClientConfig;
import linkchat.client.ui.ChatClient;
import linkchat.tls.Tls;
import linkchat.wire.HostPort;
import linkchat.wire.Nicks;

/** {@code linkchat client}: wires a {@link ChatClient} from options. */
final class ClientCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("host", "HOST", "server to connect to (default 127.0.0.1)"),
            Options.Option.of("port", "N", "its port (default 2000)"),
            Options.Option.repeated("server", "HOST:PORT",
                    "a server to use; repeat to fail over in order (--host/--port come first)"),
            Options.Option.of("nick", "NICK", "nickname to take on joining"),
            Options.Option.of("history", "FILE",
                    "where typed lines are kept (default $XDG_STATE_HOME/linkchat/history, else ~/.linkchat_history)"),
            Options.Option.flag("no-color", "no colour (also when NO_COLOR is set)"),
            Options.Option.flag("no-bell", "no bell for a line that names you"),
            Options.Option.flag("no-backlog", "leave out the server's last lines on joining (for scripts)"),
            Options.Option.flag("tls", "connect over TLS"),
            Options.Option.of("trust", "FILE", "with --tls: certificates (PEM) to trust, e.g. a private CA"));

    private ClientCommand() {}

    static int run(Options options) throws UsageException, IOException {
        return ChatClient.run(config(options));
    }

    /** The configuration the options describe; a nick the servers would refuse is refused here, before connecting. */
    static ClientConfig config(Options options) throws UsageException, IOException {
        if (options.has("trust") && !options.has("tls")) {
            throw new UsageException("option --trust needs --tls");
        }
        SSLContext tls = options.has("tls")
                ? Tls.client(options.has("trust") ? Path.of(options.text("trust", "")) : null)
                : null;
        String nick = options.has("nick") ? options.text("nick", "") : null;
        Optional<String> refused = nick == null ? Optional.empty() : Nicks.problem(nick);
        if (refused.isPresent()) {
            throw new UsageException("bad --nick '" + nick + "': " + refused.get());
        }
        try {
            List<HostPort> servers = new ArrayList<>();
            if (options.has("host") || options.has("port") || !options.has("server")) {
                servers.add(new HostPort(options.text("host", "127.0.0.1"), options.integer("port", 2000, 1, 65_535)));
            }
            options.all("server").forEach(s -> servers.add(HostPort.parse(s, "--server")));
            HostPort first = servers.getFirst();
            return new ClientConfig(first.host(), first.port(), nick,
                    options.has("history") ? Path.of(options.text("history", "")) : null,
                    ClientConfig.colourWanted(options.has("no-color"), System.getenv("NO_COLOR")),
                    servers.subList(1, servers.size()), tls, !options.has("no-bell"), !options.has("no-backlog"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
