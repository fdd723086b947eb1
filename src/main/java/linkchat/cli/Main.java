package linkchat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry point: picks the subcommand, parses its options, and exits with its status. No logic of its own. */
public final class Main {
    /** Exit status for a command line that cannot be run. */
    static final int USAGE_ERROR = 2;

    /** One subcommand: its name, summary, option table and what runs it. */
    record Subcommand(String name, String summary, List<Options.Option> options, Runner runner) {}

    /** Runs a subcommand with its parsed options; returns the exit status. */
    @FunctionalInterface
    interface Runner {
        int run(Options options) throws UsageException, IOException, InterruptedException;
    }

    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("server", "run a chat server", ServerCommand.OPTIONS, ServerCommand::run),
            new Subcommand("client", "connect to a server from the terminal", ClientCommand.OPTIONS, ClientCommand::run),
            new Subcommand("bench", "measure servers' throughput, latency and exactly-once delivery", BenchCommand.OPTIONS, BenchCommand::run));

    private Main() {}

    /** Runs {@code linkchat ARGS} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(usage());
            return args.length == 0 ? USAGE_ERROR : 0;
        }
        if (args[0].equals("--version")) {
            out.println("linkchat " + version());
            return 0;
        }
        Subcommand sub = null;
        for (Subcommand s : SUBCOMMANDS) {
            if (s.name().equals(args[0])) {
                sub = s;
            }
        }
        if (sub == null) {
            err.println("linkchat: unknown command '" + args[0] + "'");
            err.print(usage());
            return USAGE_ERROR;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(usage(sub));
            return 0;
        }
        try {
            return sub.runner().run(Options.parse(sub.options(), rest));
        } catch (UsageException e) {
            err.println("linkchat " + sub.name() + ": " + e.getMessage());
            err.print(usage(sub));
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("linkchat " + sub.name() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("usage: linkchat COMMAND [OPTIONS]\n\ncommands:\n");
        for (Subcommand s : SUBCOMMANDS) {
            sb.append(String.format("  %-10s %s%n", s.name(), s.summary()));
        }
        return sb.append("\n  --help, -h this help (COMMAND --help for a command's options)\n")
                .append("  --version  print the version\n").toString();
    }

    private static String usage(Subcommand sub) {
        return "usage: linkchat " + sub.name() + " [OPTIONS]\n" + sub.summary() + "\n\noptions:\n"
                + Options.describe(sub.options()) + String.format("%-28s %s%n", "  --help, -h", "this help");
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
            return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "dev";
        }
    }
}
