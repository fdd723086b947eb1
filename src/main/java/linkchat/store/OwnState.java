package linkchat.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import linkchat.wire.Event;
import linkchat.wire.PeerCodec;
import linkchat.wire.PeerMessage;
import linkchat.wire.Stamped;

/**
 * This server's own users and links as its events in the log leave them: a {@link Record.State}
 * sets them, each later own event changes them, a newer own boot starts them afresh. Not
 * thread-safe: recovery, then the log's appends (under its lock), own it.
 */
final class OwnState {
    private final String self;
    private long boot = -1;
    private long seq;
    private final Map<String, Long> users = new LinkedHashMap<>();
    private List<String> links = List.of();

    OwnState(String self) {
        this.self = self;
    }

    /** Takes what a record says of this server's own origin; records of others change nothing. */
    void apply(Record record) {
        switch (record) {
            case Record.Kept k when k.stamped().origin().equals(self) -> event(k.stamped());
            case Record.State s when s.state().origin().equals(self) -> set(s.state());
            default -> { }
        }
    }

    private void event(Stamped s) {
        if (s.boot() < boot) {
            return;
        }
        if (s.boot() > boot) {
            set(new PeerMessage.OriginState(self, s.boot(), 0, List.of(), List.of(), true));
        }
        seq = Math.max(seq, s.seq());
        switch (s.event()) {
            case Event.Joined e -> join(e.nick(), s.time());
            case Event.Left e -> users.remove(e.nick());
            case Event.Renamed e -> {
                users.remove(e.from());
                join(e.to(), s.time());
            }
            case Event.Links e -> links = e.peers();
            case Event.Said e -> { }
            case Event.Acted e -> { }
            case Event.Whispered e -> { }
        }
    }

    /** Records a user; past what one state may list (the peer codec's cap) the log keeps no more. */
    private void join(String nick, long since) {
        if (users.size() < PeerCodec.MAX_STATE_USERS) {
            users.put(nick, since);
        }
    }

    private void set(PeerMessage.OriginState st) {
        boot = st.boot();
        seq = st.seq();
        users.clear();
        st.users().forEach(u -> join(u.nick(), u.since()));
        links = st.links();
    }

    /** The state now, if this server's log holds any of its own events or states. */
    Optional<PeerMessage.OriginState> state() {
        if (boot < 0) {
            return Optional.empty();
        }
        List<PeerMessage.User> list = new ArrayList<>(users.size());
        users.forEach((nick, since) -> list.add(new PeerMessage.User(nick, since)));
        return Optional.of(new PeerMessage.OriginState(self, boot, seq, list, links, true));
    }
}
