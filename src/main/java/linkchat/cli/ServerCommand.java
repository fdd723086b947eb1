package linkchat.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.wire.Frames;

/** {@code linkchat server}: wires a {@link ChatServer} from options and runs it until a signal. */
final class ServerCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("bind", "ADDR", "address to listen on (default 0.0.0.0)"),
            Options.Option.of("port", "N", "port to listen on, 0 for any free one (default 2000)"),
            Options.Option.of("name", "NAME", "this server's name (default: the host name)"),
            Options.Option.of("max-payload", "BYTES", "largest payload accepted (default 65536)"));

    private ServerCommand() {}

    static int run(Options options) throws UsageException, IOException, InterruptedException {
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config;
        try {
            config = defaults
                    .withBind(options.text("bind", defaults.bind()))
                    .withPort(options.integer("port", defaults.port(), 0, 65_535))
                    .withName(options.text("name", defaults.name()))
                    .withMaxPayload(options.integer("max-payload", defaults.maxPayload(), 1, Frames.MAX_PAYLOAD_CEILING));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ChatServer server = ChatServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("linkchat server " + config.name() + " listening on "
                + server.address().getHostString() + ":" + server.address().getPort());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
