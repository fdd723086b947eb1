package linkchat.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import linkchat.store.Journal;
import linkchat.store.Record;
import linkchat.store.Recovered;
import linkchat.store.Retention;
import linkchat.store.Store;
import linkchat.store.StoreConfig;
import linkchat.wire.PeerMessage;

/**
 * A server's event log on disk, when its configuration names a data directory: opened and read
 * back before the server listens, handed to a new {@link Hub} as its {@link Journal}, closed
 * last. Without a directory the hub gets {@link Journal#NONE} and nothing here costs anything.
 * Decides the boot the server runs: the one its log was written in, when the log holds all it
 * wrote (so its peers, who saw that stream, catch up from where it was), else a new one.
 */
final class DiskLog implements Closeable {
    private static final System.Logger LOG = System.getLogger(DiskLog.class.getName());

    private final Store store;
    private final String dir;
    private final long boot;
    /** What the log held, until the hub has taken it. */
    private List<Record.Kept> kept;

    private DiskLog(Store store, String dir, long boot, List<Record.Kept> kept) {
        this.store = store;
        this.dir = dir;
        this.boot = boot;
        this.kept = kept;
    }

    /**
     * Opens the log of {@code config}'s data directory (none: a log that keeps nothing). Throws
     * with a message naming the directory if it cannot be used, is held by another server, or
     * cannot be read. {@code onFailure} hears, once, that a later write failed.
     */
    static DiskLog open(ServerConfig config, Consumer<IOException> onFailure) throws IOException {
        long now = System.currentTimeMillis();
        if (config.dataDir() == null) {
            return new DiskLog(null, "", now, List.of());
        }
        List<Record.Kept> kept = new ArrayList<>();
        Store store = Store.open(storeConfig(config), r -> {
            if (r instanceof Record.Kept k) {
                kept.add(k);
            }
        }, onFailure);
        Recovered found = store.recovered();
        var own = found.position(config.name());
        boolean goesOn = own.isPresent() && store.intact();
        long boot = goesOn ? own.get().boot() : Math.max(now, own.map(p -> p.boot() + 1).orElse(now));
        LOG.log(Level.INFO, "{0} events read back from {1}; {2} boot {3}", found.events(), config.dataDir(),
                goesOn ? "going on with" : "starting", String.valueOf(boot));
        return new DiskLog(store, config.dataDir().toString(), boot, kept);
    }

    private static StoreConfig storeConfig(ServerConfig c) {
        int keepEvents = c.replayEvents();
        Retention retention = new Retention(keepEvents, c.replaySeconds() * 1_000L, c.backlog(),
                Math.max(keepEvents, ReplayLog.MAX_RETAINED), ReplayLog.MAX_RETAINED_BYTES);
        return StoreConfig.in(c.dataDir(), c.name(), retention).withSyncEvery(c.syncEvery());
    }

    /** The boot the server runs: its log's, when the server goes on with that stream, else its start time. */
    long boot() {
        return boot;
    }

    /** What the hub hands events to. */
    Journal journal() {
        return store == null ? Journal.NONE : store;
    }

    /** Gives {@code hub} (made with {@link #boot} and {@link #journal}) what the log held; call once, before it has members. */
    void restore(Hub hub) {
        if (store == null) {
            return;
        }
        Recovered found = store.recovered();
        List<String> gone = found.ownState().filter(st -> st.boot() == boot)
                .map(st -> st.users().stream().map(PeerMessage.User::nick).toList()).orElse(List.of());
        hub.restore(kept, found.positions().values(), gone);
        kept = null;
    }

    /** Writes and syncs what was handed in, and lets the directory go. */
    @Override
    public void close() {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the log in " + dir + ": " + e.getMessage(), e);
        }
    }
}
