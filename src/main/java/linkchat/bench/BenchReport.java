package linkchat.bench;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * What a bench run found, and its two renderings: an aligned table for people and one flat JSON
 * object for scripts. Counts of lost, duplicated and reordered cover every message, warm-up
 * included; deliveries, rates and latencies cover measured messages only. Immutable.
 *
 * @param completed every client stayed connected and every sender sent everything before the timeout
 * @param problem the first thing that went wrong, or null
 * @param sent messages written by all senders, warm-up included
 * @param deliveries first arrivals of measured messages, over all receivers
 * @param fannedOut measured messages that reached every client
 * @param elapsedNanos from the first measured send to the last measured arrival
 * @param latency send-to-arrival times of measured deliveries, in nanoseconds
 * @param disconnected clients whose connection failed or was closed by a server
 */
public record BenchReport(BenchConfig config, boolean completed, String problem, long sent, long deliveries,
        long fannedOut, long lost, long duplicated, long reordered, long elapsedNanos, Histogram latency,
        int disconnected) {
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final double NANOS_PER_MICRO = TimeUnit.MICROSECONDS.toNanos(1);
    private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    /** The percentiles reported, with their labels. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};
    private static final String[] JSON_LABELS = {"p50", "p90", "p99", "p999"};

    /** True when the run completed and every message reached every client exactly once, in its sender's order. */
    public boolean ok() {
        return completed && lost == 0 && duplicated == 0 && reordered == 0;
    }

    /** Deliveries expected of measured messages: every message reaches every client, its sender included. */
    public long expectedDeliveries() {
        return (long) config.clients() * config.senders() * config.messages();
    }

    /** Measured deliveries per second. */
    public double deliveriesPerSecond() {
        return perSecond(deliveries);
    }

    /** Measured messages that reached every client, per second. */
    public double messagesPerSecond() {
        return perSecond(fannedOut);
    }

    private double perSecond(long count) {
        return elapsedNanos <= 0 ? 0 : count * NANOS_PER_SECOND / elapsedNanos;
    }

    /** The aligned table, ending in a newline. */
    public String table() {
        StringBuilder sb = new StringBuilder(describe()).append('\n');
        row(sb, "result", ok() ? "ok" : "FAILED" + (problem == null ? "" : ": " + problem));
        row(sb, "elapsed", String.format(Locale.ROOT, "%.3f s", elapsedNanos / NANOS_PER_SECOND));
        row(sb, "deliveries", String.format(Locale.ROOT, "%,d of %,d   %,.0f /s",
                deliveries, expectedDeliveries(), deliveriesPerSecond()));
        row(sb, "fanned out", String.format(Locale.ROOT, "%,d of %,d messages   %,.0f /s",
                fannedOut, (long) config.senders() * config.messages(), messagesPerSecond()));
        row(sb, "lost", String.format(Locale.ROOT, "%,d", lost));
        row(sb, "duplicated", String.format(Locale.ROOT, "%,d", duplicated));
        row(sb, "reordered", String.format(Locale.ROOT, "%,d", reordered));
        row(sb, "disconnected", String.format(Locale.ROOT, "%,d", disconnected));
        for (int i = 0; i < PERCENTILES.length; i++) {
            row(sb, "latency " + LABELS[i], millis(latency.percentile(PERCENTILES[i])));
        }
        row(sb, "latency max", millis(latency.max()));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-14s %s%n", label, value));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / NANOS_PER_MILLI);
    }

    /** One line saying what was run. */
    private String describe() {
        return String.format(Locale.ROOT,
                "linkchat bench: %,d clients on %s; %,d senders x %,d messages (+%,d warm-up) of %,d bytes; "
                        + "rate %s; window %s; %s receivers",
                config.clients(), servers(", "), config.senders(), config.messages(), config.warmup(), config.size(),
                config.rate() == 0 ? "unlimited" : String.format(Locale.ROOT, "%,d/s per sender", config.rate()),
                config.window() == 0 ? "unlimited" : String.format(Locale.ROOT, "%,d", config.window()),
                config.receivers().label());
    }

    private String servers(String separator) {
        StringJoiner joiner = new StringJoiner(separator);
        for (InetSocketAddress a : config.servers()) {
            joiner.add(a.getHostString() + ":" + a.getPort());
        }
        return joiner.toString();
    }

    /** One flat JSON object on one line, without a newline; latencies in microseconds. */
    public String json() {
        StringJoiner j = new StringJoiner(",", "{", "}");
        j.add("\"ok\":" + ok()).add("\"completed\":" + completed);
        j.add("\"problem\":" + (problem == null ? "null" : quote(problem)));
        j.add("\"servers\":" + quote(servers(",")));
        field(j, "clients", config.clients());
        field(j, "senders", config.senders());
        field(j, "messages", config.messages());
        field(j, "warmup", config.warmup());
        field(j, "size", config.size());
        field(j, "rate", config.rate());
        field(j, "window", config.window());
        j.add("\"receivers\":" + quote(config.receivers().label()));
        field(j, "sent", sent);
        field(j, "deliveries", deliveries);
        field(j, "deliveries_expected", expectedDeliveries());
        field(j, "messages_fanned_out", fannedOut);
        field(j, "lost", lost);
        field(j, "duplicated", duplicated);
        field(j, "reordered", reordered);
        field(j, "disconnected", disconnected);
        decimal(j, "elapsed_s", elapsedNanos / NANOS_PER_SECOND);
        decimal(j, "deliveries_per_s", deliveriesPerSecond());
        decimal(j, "messages_per_s", messagesPerSecond());
        for (int i = 0; i < PERCENTILES.length; i++) {
            decimal(j, "latency_" + JSON_LABELS[i] + "_us", latency.percentile(PERCENTILES[i]) / NANOS_PER_MICRO);
        }
        decimal(j, "latency_max_us", latency.max() / NANOS_PER_MICRO);
        decimal(j, "latency_mean_us", latency.mean() / NANOS_PER_MICRO);
        return j.toString();
    }

    private static void field(StringJoiner j, String name, long value) {
        j.add("\"" + name + "\":" + value);
    }

    private static void decimal(StringJoiner j, String name, double value) {
        j.add("\"" + name + "\":" + String.format(Locale.ROOT, "%.3f", value));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
