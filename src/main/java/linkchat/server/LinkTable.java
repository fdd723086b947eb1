package linkchat.server;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's live links, and which of two links to one server name stays (docs/PROTOCOL.md, 3.2).
 * A live link is never cut for a newcomer: a second link for a name replaces the first only if
 * the first does not answer a probe, except for two dials that crossed, where both ends keep the
 * link dialled by the lower name. Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class LinkTable {
    /**
     * How long a link may take to answer a probe before a newcomer under its name replaces it:
     * a live peer answers within a round trip; a restarted server's half-open old link never
     * does, and its new run waits no longer than this to be linked.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Two links to the same boot dialled in opposite directions this close together are two
     * dials that crossed (each side's dialler started before the other's link came up): both
     * ends then keep the one dialled by the lower name without a probe, so they agree. Later, a
     * link from the other direction is a newcomer like any other: it cannot displace a live link
     * by naming a lower dialler.
     */
    static final Duration CROSSED_DIALS = Duration.ofSeconds(10);

    /** What to do with a link whose handshake succeeded. */
    enum Kind { TAKE, REPLACE, REFUSE, PROBE }

    /** A verdict on a newcomer: the link it would replace or probe (if any), and a reason to refuse it. */
    record Verdict(Kind kind, Link rival, String reason) {}

    /** Each live link and when (System.nanoTime) it came up. */
    private final Map<Link, Long> since = new LinkedHashMap<>();

    /**
     * The verdict on {@code link}: taken if its name is free; else, against the link already
     * holding the name, refused for an older boot, the crossed-dial rule within
     * {@link #CROSSED_DIALS}, or a probe. A rival that already failed a probe ({@code dead}) is replaced.
     */
    Verdict verdict(Link link, Link dead, long nowNanos) {
        Link rival = holder(link.peerName());
        if (rival == null) {
            return new Verdict(Kind.TAKE, null, "");
        }
        if (rival == dead) {
            return new Verdict(Kind.REPLACE, rival, "");
        }
        if (link.peerBoot() < rival.peerBoot()) {
            return new Verdict(Kind.REFUSE, rival, "a newer boot of " + link.peerName() + " is linked here");
        }
        boolean crossed = link.peerBoot() == rival.peerBoot() && link.preferred() != rival.preferred()
                && nowNanos - since.get(rival) < CROSSED_DIALS.toNanos();
        if (crossed) {
            return link.preferred()
                    ? new Verdict(Kind.REPLACE, rival, "")
                    : new Verdict(Kind.REFUSE, rival, "duplicate link to " + link.peerName());
        }
        return new Verdict(Kind.PROBE, rival, link.peerName() + " is linked here already and answers");
    }

    /** Takes {@code link} in place of {@code rival} (null if none). */
    void take(Link link, Link rival, long nowNanos) {
        if (rival != null) {
            since.remove(rival);
        }
        since.put(link, nowNanos);
    }

    /** Drops a link that went down; false if it was not here (it lost to another already). */
    boolean remove(Link link) {
        return since.remove(link) != null;
    }

    /** Every live link, in the order they came up. */
    Collection<Link> all() {
        return since.keySet();
    }

    /** The live link to {@code name}, or null. */
    Link holder(String name) {
        for (Link l : since.keySet()) {
            if (l.peerName().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The boot {@code name} gave in its handshake if it is linked here, else Long.MAX_VALUE: no
     * third party can know a newer boot of a server than the server itself.
     */
    long directBoot(String name) {
        Link l = holder(name);
        return l == null ? Long.MAX_VALUE : l.peerBoot();
    }

    /** The names of the linked servers, sorted. */
    List<String> names() {
        return since.keySet().stream().map(Link::peerName).distinct().sorted().toList();
    }
}
