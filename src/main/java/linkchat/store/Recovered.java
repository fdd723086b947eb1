package linkchat.store;

import java.util.Map;
import java.util.Optional;

import linkchat.wire.PeerMessage;

/**
 * What reading the log at start found, once every record was handed on: each origin's last
 * position (this server's own among them, so it can continue its stream), this server's own
 * users and links as its last events left them ({@code own}, null if the log holds none), how
 * many events and line ids there were, the newest keep time of any (ms, or
 * {@link Long#MIN_VALUE}), and how many bytes of a torn tail were cut off (0 if none). Immutable.
 */
public record Recovered(Map<String, Record.Position> positions, PeerMessage.OriginState own, long events,
        long newest, long cutBytes, int segments) {
    /** Copies the map. */
    public Recovered {
        positions = Map.copyOf(positions);
    }

    /** This server's own users and links as the log left them, if it holds any of its events. */
    public Optional<PeerMessage.OriginState> ownState() {
        return Optional.ofNullable(own);
    }

    /** Where {@code origin}'s stream stood, if the log knew it. */
    public Optional<Record.Position> position(String origin) {
        return Optional.ofNullable(positions.get(origin));
    }

    /** True if the log held nothing: a new directory, or one whose every record was torn. */
    public boolean empty() {
        return events == 0 && positions.isEmpty();
    }
}
