package linkchat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * One bench run: connects and names every client, opens the start barrier for the senders,
 * watches the deliveries (printing progress on long runs), has every client leave, and sums up
 * what the clients saw in a {@link BenchReport}. Used by one thread, once.
 */
public final class Bench {
    /** How often the run checks for progress and for a stall. */
    static final Duration TICK = Duration.ofMillis(500);

    /** Runs shorter than this print no progress line. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

    /** Time between two progress lines. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    /** How long a run that has already failed (a connection died) waits without a delivery before it gives up. */
    static final Duration FAILED_STALL = Duration.ofSeconds(1);

    /**
     * Least time the clients get to join, whatever the stall timeout: joining delivers nothing,
     * and a loaded machine can take seconds to accept and name hundreds of clients.
     */
    static final Duration MIN_JOIN = Duration.ofSeconds(10);

    /** How long clients get to leave after {@code /quit}, and senders to stop, before they are cut off. */
    static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    /** Stack of a threads-kind reader: it only reads and checks, so a small one keeps 10,000 of them cheap. */
    static final long READER_STACK_BYTES = 256 * 1024;

    /** Base-36 characters in a run id: 1.7 million ids keep concurrent runs' nicks apart. */
    static final int RUN_ID_LENGTH = 4;

    private final BenchConfig config;
    private final PrintStream progress;
    private final long epoch = System.nanoTime();
    private final String nickPrefix = "b" + runId() + "-";
    private final List<BenchClient> clients = new ArrayList<>();
    private final List<Thread> joiners = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Sender> senders = new ArrayList<>();
    private final List<Thread> senderThreads = new ArrayList<>();
    private final CountDownLatch joined;
    private final CountDownLatch finished;
    private final CountDownLatch start = new CountDownLatch(1);
    private String stalled;
    private String problem;

    private Bench(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        this.joined = new CountDownLatch(config.clients());
        this.finished = new CountDownLatch(config.clients());
    }

    /**
     * Runs {@code config} against its servers, printing progress lines to {@code progress};
     * returns what was seen.
     *
     * @throws IOException some client could not connect or take its nick
     */
    public static BenchReport run(BenchConfig config, PrintStream progress) throws IOException, InterruptedException {
        Bench bench = new Bench(config, progress);
        try {
            return bench.execute();
        } finally {
            bench.cutAll();
        }
    }

    private BenchReport execute() throws IOException, InterruptedException {
        startClients();
        awaitJoined();
        for (Thread t : senderThreads) {
            t.start();
        }
        start.countDown();
        boolean inTime = awaitFinished();
        stopSenders();
        leave();
        return report(inTime);
    }

    /**
     * Starts every client's connection on a virtual thread of its own, which hands it to one of
     * the receivers (a platform thread per core) once joined; for the threads kind, on a platform
     * thread of its own that then reads it. Senders get platform threads: they wait for a full
     * socket on a selector.
     */
    private void startClients() throws IOException {
        boolean threads = config.receivers() == BenchConfig.Receivers.THREADS;
        int receiving = threads ? 0 : Math.min(config.clients(), Runtime.getRuntime().availableProcessors());
        for (int r = 0; r < receiving; r++) {
            receivers.add(new Receiver("bench-receiver-" + r));
        }
        for (int i = 0; i < config.clients(); i++) {
            boolean sends = i < config.senders();
            Semaphore window = sends && config.window() > 0 ? new Semaphore(config.window()) : null;
            BenchClient client = new BenchClient(i, nickPrefix, config, epoch, sends ? i : -1, window, joined, finished,
                    threads ? null : receivers.get(i % receiving));
            clients.add(client);
            Thread.Builder builder = threads
                    ? Thread.ofPlatform().daemon().stackSize(READER_STACK_BYTES)
                    : Thread.ofVirtual();
            joiners.add(builder.name("bench-client-" + i).start(client));
            if (sends) {
                Sender sender = new Sender(i, client, config, epoch, window, start);
                senders.add(sender);
                senderThreads.add(Thread.ofPlatform().name("bench-sender-" + i).unstarted(sender));
            }
        }
    }

    /** The start barrier: every client connected and named, or an exception saying which was not. */
    private void awaitJoined() throws IOException, InterruptedException {
        Duration limit = config.timeout().compareTo(MIN_JOIN) > 0 ? config.timeout() : MIN_JOIN;
        boolean all = joined.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        for (BenchClient c : clients) {
            if (c.failure() != null) {
                throw new IOException("client " + c.index() + " could not join: " + c.failure());
            }
        }
        long ready = clients.stream().filter(BenchClient::ready).count();
        if (!all || ready < clients.size()) {
            throw new IOException("only " + ready + " of " + clients.size() + " clients joined within "
                    + limit.toSeconds() + " s");
        }
    }

    /**
     * Waits until every client has everything or has gone; false if deliveries stalled for the
     * timeout, or for {@link #FAILED_STALL} once a connection has failed and the run cannot complete.
     */
    private boolean awaitFinished() throws InterruptedException {
        long begin = System.nanoTime();
        long lastChange = begin;
        long lastCount = 0;
        Progress progressLine = new Progress(begin);
        while (!finished.await(TICK.toNanos(), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            long count = arrivals();
            long stall = failed() ? Math.min(FAILED_STALL.toNanos(), config.timeout().toNanos()) : config.timeout().toNanos();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            } else if (now - lastChange >= stall) {
                stalled = "no delivery for " + Duration.ofNanos(now - lastChange).toSeconds() + " s; gave up";
                return false;
            }
            progressLine.tick(now, count);
        }
        return true;
    }

    /** The progress line: printed every {@link #PROGRESS_INTERVAL} once a run outlasts {@link #QUIET_PERIOD}. */
    private final class Progress {
        private final long begin;
        private long lastPrint;
        private long printedCount;

        Progress(long begin) {
            this.begin = begin;
            this.lastPrint = begin;
        }

        void tick(long now, long count) {
            if (now - begin < QUIET_PERIOD.toNanos() || now - lastPrint < PROGRESS_INTERVAL.toNanos()) {
                return;
            }
            double perMilli = (count - printedCount) * 1e6 / (now - lastPrint);
            progress.printf(Locale.ROOT, "  %5.1f s  %,d deliveries  %,.0f k/s%n", (now - begin) / 1e9, count, perMilli);
            lastPrint = now;
            printedCount = count;
        }
    }

    /** True once some connection failed: the run can no longer complete. */
    private boolean failed() {
        return clients.stream().anyMatch(c -> c.failure() != null) || senders.stream().anyMatch(s -> s.failure() != null);
    }

    private long arrivals() {
        long sum = 0;
        for (BenchClient c : clients) {
            sum += c.arrivals();
        }
        return sum;
    }

    /** Gives senders a moment to finish (they have, unless a connection died), then cuts the stragglers. */
    private void stopSenders() throws InterruptedException {
        long deadline = System.nanoTime() + LEAVE_GRACE.toNanos();
        for (int i = 0; i < senders.size(); i++) {
            Thread t = senderThreads.get(i);
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                t.interrupt();
                clients.get(i).close();
                t.join();
            }
        }
    }

    /** Has every client quit, waits for the servers to close them, and cuts whoever is left. */
    private void leave() throws InterruptedException {
        if (config.receivers() == BenchConfig.Receivers.SELECTOR) {
            for (Thread t : joiners) {
                t.join();
            }
        }
        for (BenchClient c : clients) {
            c.quit();
        }
        long deadline = System.nanoTime() + LEAVE_GRACE.toNanos();
        for (BenchClient c : clients) {
            c.awaitEnd(Math.max(1, deadline - System.nanoTime()));
        }
        cutAll();
    }

    /**
     * Closes every connection, interrupts every sender and stops the receivers (and waits for
     * the clients' own threads, which end with their connections); then ends the connections
     * nobody reads any more, so every count is final. Idempotent.
     */
    private void cutAll() throws InterruptedException {
        clients.forEach(BenchClient::close);
        senderThreads.forEach(Thread::interrupt);
        for (Receiver r : receivers) {
            r.close();
        }
        for (Thread t : joiners) {
            t.join();
        }
        clients.forEach(BenchClient::end);
    }

    /** Sums up what the clients saw; called after every client and sender thread ended. */
    private BenchReport report(boolean inTime) {
        clients.forEach(c -> firstProblem(c.failure()));
        senders.forEach(s -> firstProblem(s.failure()));
        firstProblem(stalled);
        long sent = senders.stream().mapToLong(Sender::sent).sum();
        int disconnected = (int) clients.stream().filter(c -> c.failure() != null).count();
        boolean completed = inTime && disconnected == 0 && sent == (long) config.senders() * config.total();
        return new BenchReport(config, completed, problem, sent, clients.stream().mapToLong(BenchClient::measured).sum(),
                fannedOut(), sumOfCheckers(Checker::lost), sumOfCheckers(Checker::duplicated),
                sumOfCheckers(Checker::reordered), elapsed(), latency(), disconnected);
    }

    private void firstProblem(String candidate) {
        if (problem == null) {
            problem = candidate;
        }
    }

    private long sumOfCheckers(ToLongFunction<Checker> count) {
        return clients.stream().mapToLong(c -> count.applyAsLong(c.checker())).sum();
    }

    /** Measured messages that reached every client. */
    private long fannedOut() {
        long[][] everywhere = Checker.allSet(config.senders(), config.total());
        clients.forEach(c -> c.checker().intersectInto(everywhere));
        return Checker.countFrom(everywhere, config.warmup());
    }

    /** From the first measured send to the last measured arrival; 0 if nothing was measured. */
    private long elapsed() {
        long firstSend = senders.stream().mapToLong(Sender::firstMeasuredSend).filter(t -> t != 0).min().orElse(0);
        long lastArrival = clients.stream().mapToLong(BenchClient::lastArrival).max().orElse(0);
        return firstSend == 0 || lastArrival == 0 ? 0 : Math.max(0, lastArrival - firstSend);
    }

    private Histogram latency() {
        Histogram all = new Histogram();
        clients.forEach(c -> all.add(c.latency()));
        return all;
    }

    private static String runId() {
        long ids = (long) Math.pow(36, RUN_ID_LENGTH);
        String id = Long.toString(ThreadLocalRandom.current().nextLong(ids), 36);
        return "0".repeat(RUN_ID_LENGTH - id.length()) + id;
    }
}
