package linkchat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A platform thread reading many bench connections through one selector: each delivery costs a
 * share of one system call and no thread switch, so the load generator leaves the machine's
 * cores to the servers it measures. Connections come in through {@link #add}; {@link #close}
 * stops the thread and waits for it, after which the connections' counts may be read.
 */
final class Receiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Receiver.class.getName());

    private final Selector selector;
    private final Queue<BenchClient> incoming = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts a receiver thread called {@code name}. */
    Receiver(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("no selector for the bench's receiver", e);
        }
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /** Hands a joined connection over; from now on only this receiver's thread reads it. */
    void add(BenchClient client) {
        incoming.add(client);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (!closed) {
                selector.select(this::ready);
                BenchClient client;
                while ((client = incoming.poll()) != null) {
                    client.register(selector);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "bench receiver failed: {0}", e.getMessage());
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the bench receiver's selector failed: {0}", e.getMessage());
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!((BenchClient) key.attachment()).onReadable()) {
            key.cancel();
        }
    }

    /** Stops reading and waits for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        selector.wakeup();
        thread.join();
    }
}
