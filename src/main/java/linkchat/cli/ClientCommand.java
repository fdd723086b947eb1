package linkchat.cli;

import java.util.List;

import linkchat.client.ClientConfig;
import linkchat.client.ui.ChatClient;

/** {@code linkchat client}: wires a {@link ChatClient} from options. */
final class ClientCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("host", "HOST", "server to connect to (default 127.0.0.1)"),
            Options.Option.of("port", "N", "its port (default 2000)"),
            Options.Option.of("nick", "NICK", "nickname to take on joining"));

    private ClientCommand() {}

    static int run(Options options) throws UsageException {
        ClientConfig config;
        try {
            config = new ClientConfig(options.text("host", "127.0.0.1"),
                    options.integer("port", 2000, 1, 65_535),
                    options.has("nick") ? options.text("nick", "") : null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return ChatClient.run(config);
    }
}
