package linkchat.cli;

import java.util.List;

/** {@code linkchat client}: placeholder until the client lands. */
final class ClientCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("host", "HOST", "server to connect to (default 127.0.0.1)"),
            Options.Option.of("port", "N", "its port (default 2000)"),
            Options.Option.of("nick", "NICK", "nickname to take on joining"));

    private ClientCommand() {}

    static int run(Options options) {
        return 1;
    }
}
