package linkchat.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import linkchat.bench.Bench;
import linkchat.bench.BenchConfig;
import linkchat.bench.BenchReport;

/** {@code linkchat bench}: builds a {@link BenchConfig} from options, runs it and prints the report. */
final class BenchCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("servers", "HOST:PORT[,...]", "servers to spread clients over round-robin (default "
                    + BenchConfig.DEFAULT_SERVERS + ")"),
            Options.Option.of("clients", "N", "connections, every one receiving (default 50)"),
            Options.Option.of("senders", "N", "how many of the clients send (default 10)"),
            Options.Option.of("messages", "N", "measured messages per sender (default 10000)"),
            Options.Option.of("size", "BYTES", "payload size (default 100)"),
            Options.Option.of("rate", "N", "messages per second per sender, 0 for flat out (default 0)"),
            Options.Option.of("window", "N", "most messages per sender in flight, 0 for unlimited (default 0)"),
            Options.Option.of("warmup", "N", "extra messages per sender sent first, not measured (default: messages/10)"),
            Options.Option.of("timeout", "S", "give up after S seconds without a delivery, or joining (default 30)"),
            Options.Option.of("receivers", "KIND", "selector (a thread per core reads every client) or threads"
                    + " (a thread and a blocking socket per client, as real clients; default selector)"),
            Options.Option.flag("json", "print one JSON object instead of the table"));

    // The defaults describe the reference load: 50 clients, a fifth of them sending 100-byte lines.
    private static final int DEFAULT_CLIENTS = 50;
    private static final int DEFAULT_SENDERS = 10;
    private static final int DEFAULT_MESSAGES = 10_000;
    private static final int DEFAULT_SIZE = 100;
    /** Long enough for a loaded server's longest pause, short enough that a stalled run ends on its own. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private BenchCommand() {}

    static int run(Options options) throws UsageException, IOException, InterruptedException {
        BenchConfig config;
        try {
            int messages = options.integer("messages", DEFAULT_MESSAGES, 1, BenchConfig.MAX_MESSAGES);
            config = new BenchConfig(
                    BenchConfig.parseServers(options.text("servers", BenchConfig.DEFAULT_SERVERS)),
                    options.integer("clients", DEFAULT_CLIENTS, 1, BenchConfig.MAX_CLIENTS),
                    options.integer("senders", DEFAULT_SENDERS, 1, BenchConfig.MAX_CLIENTS),
                    messages,
                    options.integer("size", DEFAULT_SIZE, 1, Integer.MAX_VALUE),
                    options.integer("rate", 0, 0, Integer.MAX_VALUE),
                    options.integer("window", 0, 0, Integer.MAX_VALUE),
                    options.integer("warmup", BenchConfig.defaultWarmup(messages), 0, BenchConfig.MAX_MESSAGES),
                    Duration.ofSeconds(options.integer("timeout", DEFAULT_TIMEOUT_SECONDS, 1,
                            BenchConfig.MAX_TIMEOUT_SECONDS)),
                    BenchConfig.Receivers.parse(options.text("receivers", BenchConfig.Receivers.SELECTOR.label())));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        BenchReport report = Bench.run(config, System.err);
        System.out.print(options.has("json") ? report.json() + System.lineSeparator() : report.table());
        System.out.flush();
        return report.ok() ? 0 : 1;
    }
}
