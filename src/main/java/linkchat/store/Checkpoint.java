package linkchat.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import linkchat.wire.PeerMessage;

/**
 * What every segment opens with, kept up to date record by record: each origin's
 * {@link Positions position} and this server's {@link OwnState own state}. Since each new
 * segment repeats them, deleting old segments loses neither. Not thread-safe: recovery, then the
 * log's appends (under its lock), own it.
 */
final class Checkpoint {
    private final Positions positions = new Positions();
    private final OwnState own;

    Checkpoint(String self) {
        this.own = new OwnState(self);
    }

    /** Takes what a record says; false if it names an origin past {@link Positions#MAX_ORIGINS}. */
    boolean apply(Record record) {
        own.apply(record);
        return positions.apply(record);
    }

    /** The records a new segment opens with. */
    List<Record> records() {
        List<Record> out = new ArrayList<>(positions.all());
        own.state().ifPresent(st -> out.add(new Record.State(st)));
        return out;
    }

    /** Every origin's position, by origin. */
    Map<String, Record.Position> positions() {
        return positions.snapshot();
    }

    /** This server's own users and links, if the log holds any of its events. */
    Optional<PeerMessage.OriginState> own() {
        return own.state();
    }
}
