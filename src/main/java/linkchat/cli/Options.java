package linkchat.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one subcommand, declared once as a table of {@link Option}s, and the values
 * parsed from a command line against it. Single-threaded.
 */
final class Options {
    /** One option: its name without dashes, its value's placeholder (empty for a flag), and help. */
    record Option(String name, String value, String help, boolean repeatable) {
        static Option of(String name, String value, String help) {
            return new Option(name, value, help, false);
        }

        static Option repeated(String name, String value, String help) {
            return new Option(name, value, help, true);
        }

        static Option flag(String name, String help) {
            return new Option(name, "", help, false);
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {}

    /** Parses {@code args} against {@code table}; {@code --name value} and {@code --name=value} both work. */
    static Options parse(List<Option> table, String[] args) throws UsageException {
        Options parsed = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            Option option = find(table, name);
            String value;
            if (option.value().isEmpty()) {
                if (eq >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                value = "";
            } else if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("option --" + name + " needs a value " + option.value());
            }
            List<String> list = parsed.values.get(name);
            if (list == null) {
                list = new ArrayList<>();
                parsed.values.put(name, list);
            }
            if (!list.isEmpty() && !option.repeatable()) {
                throw new UsageException("option --" + name + " given twice");
            }
            list.add(value);
        }
        return parsed;
    }

    /** The option called {@code name}; a plain loop, as lambdas would cost every start-up a few milliseconds. */
    private static Option find(List<Option> table, String name) throws UsageException {
        for (Option o : table) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new UsageException("unknown option --" + name);
    }

    /** True if the option was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The option's value, or {@code fallback} if it was not given. */
    String text(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.getLast();
    }

    /** Every value of a repeatable option, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The option's value as an int in {@code min..max}, or {@code fallback} if it was not given. */
    int integer(String name, int fallback, int min, int max) throws UsageException {
        if (!has(name)) {
            return fallback;
        }
        String raw = text(name, "");
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new UsageException("option --" + name + " must be " + min + ".." + max + ", got " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number, got '" + raw + "'");
        }
    }

    /** Help text for a table: one aligned line per option. */
    static String describe(List<Option> table) {
        StringBuilder sb = new StringBuilder();
        for (Option o : table) {
            String left = "  --" + o.name() + (o.value().isEmpty() ? "" : " " + o.value());
            sb.append(String.format("%-28s %s%n", left, o.help()));
        }
        return sb.toString();
    }
}
