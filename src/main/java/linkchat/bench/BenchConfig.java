package linkchat.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import linkchat.wire.Frames;
import linkchat.wire.HostPort;

/**
 * One bench run's shape: the servers its clients spread over round-robin, how many clients and
 * senders, how much each sender sends and how fast. Immutable; the constructor checks every
 * value and its messages name the option a user would fix.
 *
 * @param rate messages per second per sender, 0 for as fast as possible
 * @param window most of a sender's messages in flight (sent, not yet back), 0 for unlimited
 * @param warmup messages per sender sent first and checked but not measured
 * @param timeout how long the run may go without a delivery before it gives up
 * @param receivers how the clients read what the servers deliver
 */
public record BenchConfig(List<InetSocketAddress> servers, int clients, int senders, int messages, int size,
        int rate, int window, int warmup, Duration timeout, Receivers receivers) {
    /** Where a server listens unless told otherwise. */
    public static final String DEFAULT_SERVERS = "127.0.0.1:2000";

    /** Most clients: each costs a socket, a virtual thread, a read buffer and senders × messages bits. */
    public static final int MAX_CLIENTS = 20_000;

    /** Most messages per sender, warm-up included: a sequence number must fit the payload's 8 digits. */
    public static final int MAX_MESSAGES = 100_000_000;

    /** Longest timeout: an hour is already far past any sensible stall. */
    public static final int MAX_TIMEOUT_SECONDS = 3_600;

    /** How the bench's clients read; both kinds check and time every delivery alike. */
    public enum Receivers {
        /**
         * A platform thread per core reads many connections through a selector: a delivery costs
         * the load generator little, so the servers it measures get most of the cores.
         */
        SELECTOR,
        /**
         * A platform thread and a blocking socket per client, reading one frame at a time (its
         * header, then its payload), as a real chat client does: the servers share the cores
         * with clients that cost what real ones cost.
         */
        THREADS;

        /** The kind named {@code name} on the command line ({@code selector} or {@code threads}). */
        public static Receivers parse(String name) {
            for (Receivers r : values()) {
                if (r.label().equals(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("--receivers must be selector or threads, got " + name);
        }

        /** The name the command line and the report use. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A run whose clients read through selectors. */
    public BenchConfig(List<InetSocketAddress> servers, int clients, int senders, int messages, int size,
            int rate, int window, int warmup, Duration timeout) {
        this(servers, clients, senders, messages, size, rate, window, warmup, timeout, Receivers.SELECTOR);
    }

    /** Checks the values. */
    public BenchConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(receivers, "receivers");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("--servers needs at least one HOST:PORT");
        }
        check("clients", clients, 1, MAX_CLIENTS);
        check("senders", senders, 1, clients);
        check("messages", messages, 1, MAX_MESSAGES);
        check("size", size, 1, Frames.DEFAULT_MAX_PAYLOAD);
        check("rate", rate, 0, Integer.MAX_VALUE);
        check("window", window, 0, Integer.MAX_VALUE);
        check("warmup", warmup, 0, MAX_MESSAGES - messages);
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("--timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds");
        }
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + option + " must be " + min + ".." + max + ", got " + value);
        }
    }

    /** Messages each sender sends, warm-up included: the sequence numbers run 0 until this. */
    public int total() {
        return warmup + messages;
    }

    /** The server client {@code i} connects to: round-robin over {@link #servers}. */
    public InetSocketAddress serverOf(int i) {
        return servers.get(i % servers.size());
    }

    /** The default warm-up: a tenth of the measured messages, so the JIT has settled before timing starts. */
    public static int defaultWarmup(int messages) {
        return messages / 10;
    }

    /** Parses {@code HOST:PORT[,HOST:PORT...]}; an IPv6 host goes in brackets, {@code [::1]:2000}. */
    public static List<InetSocketAddress> parseServers(String list) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            HostPort address = HostPort.parse(item, "--servers");
            servers.add(InetSocketAddress.createUnresolved(address.host(), address.port()));
        }
        return servers;
    }
}
