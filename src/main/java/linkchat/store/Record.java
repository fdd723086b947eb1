package linkchat.store;

import java.nio.charset.StandardCharsets;

import linkchat.wire.PeerMessage;
import linkchat.wire.ServerName;
import linkchat.wire.Stamped;

/**
 * One entry of the durable log: an event kept, where an origin's stream stands, this server's
 * own users and links, or a client line id delivered. Immutable.
 */
public sealed interface Record {
    /**
     * Longest client line id, in UTF-8 bytes: enough for a random token and a counter, and it
     * bounds what the window of recent ids may hold.
     */
    int MAX_LINE_ID_BYTES = 64;

    /** An event, with the local time it was kept: the replay window's age counts from it, after a restart too. */
    record Kept(Stamped stamped, long keptAt) implements Record {}

    /**
     * Where an origin's stream stands: (boot, seq) is the last of its events delivered here. It is
     * taken as given, even behind what the log held before (a position corrected by the origin's
     * own word moves back); events move it only forward.
     */
    record Position(String origin, long boot, long seq) implements Record {
        /** Refuses what no stream could be at: a bad origin name or a negative seq. */
        public Position {
            if (!ServerName.valid(origin) || seq < 0) {
                throw new IllegalArgumentException("not a stream position: " + origin + " " + boot + " " + seq);
            }
        }
    }

    /**
     * A client's line id and the event it was delivered as, (origin, boot, seq): the federation
     * delivers each id once, so a line resent after a fail-over is known.
     */
    record LineId(String id, String origin, long boot, long seq, long keptAt) implements Record {
        /** Refuses an empty id, one over {@link #MAX_LINE_ID_BYTES}, or a bad origin name. */
        public LineId {
            if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_ID_BYTES || !ServerName.valid(origin)) {
                throw new IllegalArgumentException("not a line id record: " + id + " of " + origin);
            }
        }
    }

    /**
     * This server's own origin as of its event {@code state.seq()}: its users (each since when it
     * holds its nick) and links. Every segment opens with it, so a restarted server knows whom to
     * announce as gone even once their joins were deleted with old segments.
     */
    record State(PeerMessage.OriginState state) implements Record {}
}
