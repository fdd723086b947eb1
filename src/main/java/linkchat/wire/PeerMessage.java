package linkchat.wire;

import java.util.List;

/** Everything two linked servers say to each other, one message per frame. Immutable. */
public sealed interface PeerMessage {
    /** The peer protocol version this build speaks. */
    int VERSION = 1;

    /** The dialling server's first frame: no client sends this, so it marks the connection as a link. */
    record Hello(int version, String name, long boot, String nonce) implements PeerMessage {}

    /** The accepting server's answer: who it is, its own nonce, and its proof of the secret (empty without one). */
    record Challenge(String name, long boot, String nonce, String mac) implements PeerMessage {}

    /** The dialling server's proof of the secret (empty without one). */
    record Proof(String mac) implements PeerMessage {}

    /** The accepting server took the proof: the link is up. */
    record Ready() implements PeerMessage {}

    /** The link is refused, and why; the connection closes after it. */
    record Refused(String reason) implements PeerMessage {}

    /** One event, new or replayed. */
    record Carry(Stamped stamped) implements PeerMessage {}

    /** What the sender knows of one origin, sent for each origin right after the link comes up. */
    record Origin(OriginState state) implements PeerMessage {}

    /** The end of the sender's {@link Origin} list. */
    record Synced() implements PeerMessage {}

    /** Take this origin's state as given: the events between were not kept, {@code lost} of them. */
    record Jump(long lost, OriginState state) implements PeerMessage {}

    /** Asks for a {@link Jump} with the sender's state of an origin it just heard of for the first time. */
    record Want(String origin) implements PeerMessage {}

    /** Liveness probe on a quiet link. */
    record Ping(long token) implements PeerMessage {}

    /** Answer to a {@link Ping}. */
    record Pong(long token) implements PeerMessage {}

    /** One user of an origin server and since when (origin's clock, ms) they hold their nick. */
    record User(String nick, long since) {}

    /**
     * An origin as of its event {@code seq}: its users then, and the servers it was linked to.
     * {@code complete} is false when the sender heard of the origin mid-stream and so may not
     * know every user who joined before.
     */
    record OriginState(String origin, long boot, long seq, List<User> users, List<String> links, boolean complete) {
        /** Copies the lists. */
        public OriginState {
            users = List.copyOf(users);
            links = List.copyOf(links);
        }
    }
}
