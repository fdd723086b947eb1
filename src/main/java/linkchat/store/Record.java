package linkchat.store;

import linkchat.wire.PeerMessage;
import linkchat.wire.ServerName;
import linkchat.wire.Stamped;

/**
 * One entry of the durable log: an event kept, where an origin's stream stands, this server's
 * own users and links. (A client's line id is inside the event it was delivered as.) Immutable.
 */
public sealed interface Record {
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
     * This server's own origin as of its event {@code state.seq()}: its users (each since when it
     * holds its nick) and links. Every segment opens with it, so a restarted server knows whom to
     * announce as gone even once their joins were deleted with old segments.
     */
    record State(PeerMessage.OriginState state) implements Record {}
}
