package linkchat.soak;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * How many times each event crossed each link, in both directions together, and what that
 * comes to per event. One counter per link, each with its own lock, since a link's two
 * directions count on two threads; {@link #summary} may be called at any time.
 */
final class EventTally {
    /** Copies of one event on one link are kept as a byte, saturating here: anything near it is a loop. */
    private static final int SATURATED = Byte.MAX_VALUE;

    private final List<LinkCounts> links;
    private final AtomicLong frames = new AtomicLong();

    /** A tally for {@code links} links, numbered from 0. */
    EventTally(int links) {
        this.links = IntStream.range(0, links).mapToObj(i -> new LinkCounts()).toList();
    }

    /** A sink that counts what crosses link {@code link}. */
    EventTap.Sink sink(int link) {
        LinkCounts counts = links.get(link);
        return (origin, boot, seq) -> {
            counts.add(origin + "@" + boot, seq);
            frames.incrementAndGet();
        };
    }

    /** EVENT frames counted so far over all links. */
    long frames() {
        return frames.get();
    }

    /**
     * What the counts come to.
     *
     * @param events distinct events seen on any link
     * @param meanPerLink copies of an event on a link, averaged over every event and every link
     * @param maxPerLink most copies of one event on one link
     * @param aboveOne share of (event, link) pairs that carried more than one copy
     * @param meanCrossings copies of an event over all links together, averaged over events
     * @param minCrossings fewest copies of any one event over all links together
     */
    record Summary(long events, int links, double meanPerLink, int maxPerLink, double aboveOne, double meanCrossings,
            long minCrossings) {}

    /** Sums up every event any link carried. */
    Summary summary() {
        Set<String> origins = new HashSet<>();
        links.forEach(l -> origins.addAll(l.originKeys()));
        long events = 0;
        long copies = 0;
        long pairsAboveOne = 0;
        int max = 0;
        long minCrossings = Long.MAX_VALUE;
        int[] perLink = new int[links.size()];
        for (String origin : origins) {
            long lastSeq = links.stream().mapToLong(l -> l.lastSeq(origin)).max().orElse(0);
            for (long seq = 0; seq <= lastSeq; seq++) {
                long crossings = 0;
                for (int l = 0; l < perLink.length; l++) {
                    perLink[l] = links.get(l).count(origin, seq);
                    crossings += perLink[l];
                    max = Math.max(max, perLink[l]);
                    pairsAboveOne += perLink[l] > 1 ? 1 : 0;
                }
                if (crossings > 0) {
                    events++;
                    copies += crossings;
                    minCrossings = Math.min(minCrossings, crossings);
                }
            }
        }
        double pairs = (double) events * links.size();
        return new Summary(events, links.size(), events == 0 ? 0 : copies / pairs, max,
                events == 0 ? 0 : pairsAboveOne / pairs, events == 0 ? 0 : (double) copies / events,
                events == 0 ? 0 : minCrossings);
    }

    /** One link's counts: per origin and boot, a byte per seq. */
    private static final class LinkCounts {
        private final Map<String, byte[]> byOrigin = new HashMap<>();

        synchronized void add(String origin, long seq) {
            byte[] counts = byOrigin.getOrDefault(origin, new byte[0]);
            if (seq >= counts.length) {
                counts = Arrays.copyOf(counts, (int) Math.max(seq + 1, counts.length * 2L));
                byOrigin.put(origin, counts);
            }
            if (counts[(int) seq] < SATURATED) {
                counts[(int) seq]++;
            }
        }

        synchronized Set<String> originKeys() {
            return new HashSet<>(byOrigin.keySet());
        }

        synchronized long lastSeq(String origin) {
            byte[] counts = byOrigin.get(origin);
            return counts == null ? 0 : counts.length - 1;
        }

        synchronized int count(String origin, long seq) {
            byte[] counts = byOrigin.get(origin);
            return counts == null || seq >= counts.length ? 0 : counts[(int) seq];
        }
    }
}
