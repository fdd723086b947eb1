package linkchat.server;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import linkchat.wire.Stamped;

/**
 * What this server knows of each origin of events, one record apiece: the boot it runs, the
 * last seq delivered from that boot, the events held back until an earlier one comes, its users
 * and links, and whether those users are known for sure.
 *
 * <p>The {@link Ledger} moves the position and holds events, the {@link Roster} keeps users and
 * links, {@link Catchup} and {@link Snapshots} read the whole. A record starts afresh as a whole
 * ({@link #restart}), so none of its parts can speak of another boot than the rest: a snapshot
 * made of it never pairs one boot's position with another's users. Not thread-safe: the
 * {@link Hub} calls it under its lock.
 */
final class Origins {
    /**
     * Origins tracked at once: a federation has a handful; bounds what a confused peer can create.
     * A peer that would pass it is refused.
     */
    static final int MAX_ORIGINS = 4_096;

    /** One origin's record: every field speaks of the boot {@link #boot}. */
    static final class Origin {
        final String name;
        long boot;
        /** The last seq delivered here from {@link #boot}. */
        long delivered;
        /** Events of {@link #boot} past a gap, by seq, until the gap fills or is given up. */
        final TreeMap<Long, Stamped> pending = new TreeMap<>();
        long pendingBytes;
        /** When (ms) the oldest open gap opened, or the last one closed. */
        long gapSince;
        /** Users by nick key. */
        final Map<String, Roster.User> users = new LinkedHashMap<>();
        List<String> links = List.of();
        /** True once the users are known for sure: the stream was seen from its start, or a complete snapshot came. */
        boolean complete;

        Origin(String name) {
            this.name = name;
        }
    }

    private final String self;
    private final Map<String, Origin> byName = new HashMap<>();
    /** This server's own record: its users are its clients, bounded by {@code --max-clients}. */
    private final Origin mine;
    /** Bytes held back in every origin's gaps together. */
    private long pendingBytes;
    /** Users of every origin but this server's own, together: kept up to date by every change. */
    private int othersUsers;

    /** The table of server {@code self}, running boot {@code boot}: its own record is complete from the start. */
    Origins(String self, long boot) {
        this.self = self;
        mine = new Origin(self);
        mine.boot = boot;
        mine.complete = true;
        byName.put(self, mine);
    }

    /** This server's name. */
    String self() {
        return self;
    }

    /** An origin's record, or null if it is not tracked. */
    Origin get(String name) {
        return byName.get(name);
    }

    /** This server's own record. */
    Origin mine() {
        return mine;
    }

    /** Every origin tracked. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every record, for reading and changing in place (not for adding or removing). */
    Collection<Origin> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The boot tracked for an origin, or -1. */
    long bootOf(String name) {
        Origin o = byName.get(name);
        return o == null ? -1 : o.boot;
    }

    /** The last seq delivered from an origin's tracked boot, or -1. */
    long deliveredOf(String name) {
        Origin o = byName.get(name);
        return o == null ? -1 : o.delivered;
    }

    /**
     * Starts or restarts another origin's record at (boot, delivered), with nothing held, no
     * users, no links, not complete; a new origin past {@link #MAX_ORIGINS} is refused.
     */
    Origin restart(String name, long boot, long delivered) {
        if (name.equals(self)) {
            throw new IllegalArgumentException("this server's own record never restarts");
        }
        Origin o = byName.get(name);
        if (o == null) {
            if (byName.size() >= MAX_ORIGINS) {
                throw new Implausible("more than " + MAX_ORIGINS + " origins");
            }
            o = new Origin(name);
            byName.put(name, o);
        } else {
            pendingBytes -= o.pendingBytes;
            o.pendingBytes = 0;
            o.pending.clear();
            clearUsers(o);
            o.links = List.of();
        }
        o.boot = boot;
        o.delivered = delivered;
        o.complete = false;
        return o;
    }

    /**
     * A known origin is seen (over its own link) to run {@code boot}: if that is newer than the
     * boot tracked, the record restarts there, from nothing delivered, since all that is known of
     * the older boot is of a process that is gone.
     */
    void booted(String name, long boot) {
        Origin o = byName.get(name);
        if (o != null && o != mine && boot > o.boot) {
            restart(name, boot, 0);
        }
    }

    /** Holds {@code s} in its origin's record until the gap before it fills, counting {@code bytes}. */
    void hold(Origin o, Stamped s, long bytes) {
        o.pending.put(s.seq(), s);
        o.pendingBytes += bytes;
        pendingBytes += bytes;
    }

    /** An event of {@code bytes} taken out of {@code o}'s held ones. */
    void unheld(Origin o, long bytes) {
        o.pendingBytes -= bytes;
        pendingBytes -= bytes;
    }

    /** Bytes held back in gaps now, every origin together. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** Records user {@code u} under nick key {@code key}. */
    void putUser(Origin o, String key, Roster.User u) {
        if (o.users.put(key, u) == null && o != mine) {
            othersUsers++;
        }
    }

    /** Forgets the user under nick key {@code key}. */
    void removeUser(Origin o, String key) {
        if (o.users.remove(key) != null && o != mine) {
            othersUsers--;
        }
    }

    /** Forgets every user of {@code o}. */
    void clearUsers(Origin o) {
        othersUsers -= o == mine ? 0 : o.users.size();
        o.users.clear();
    }

    /** Users of every origin but this server's own, together. */
    int othersUsers() {
        return othersUsers;
    }
}
