package linkchat.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Something that happened in the conversation, on some server of the federation. Immutable.
 * Every kind but {@link Links} is shown to clients as one line.
 */
public sealed interface Event {
    /**
     * Longest chat line, action or departure reason, in UTF-8 bytes, from a client or a peer
     * alike: with a nick, a history stamp or a departure in front, every line a client hears
     * still fits the frames clients accept ({@link Frames#DEFAULT_MAX_PAYLOAD}); linkchat's
     * client drops a connection that sends more.
     */
    int MAX_TEXT_BYTES = Frames.DEFAULT_MAX_PAYLOAD - 1_024;

    /** True if {@code text} is at most {@link #MAX_TEXT_BYTES} in UTF-8; no char takes more than 3 bytes, so most lines need no count. */
    static boolean fits(String text) {
        return text.length() <= MAX_TEXT_BYTES / 3 || text.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES;
    }

    /** The line every client sees. */
    String line();

    /**
     * The id its client gave the line ({@link LineId}), empty for none: only chat lines, actions
     * and private lines have one. It is never part of {@link #line()}.
     */
    default String lineId() {
        return "";
    }

    /** True for events shown to clients; topology changes are not. */
    default boolean visible() {
        return true;
    }

    /** True for joins, departures and renames: presence, which a crowd is no longer told of. */
    default boolean isPresence() {
        return false;
    }

    /** An arrival, a departure or a rename: presence, which a crowd is no longer told of. */
    sealed interface Presence extends Event permits Joined, Left, Renamed {
        /**
         * Past this many users on the federation, presence is no longer shown to every client:
         * in a crowd it is noise, and each costs a frame per client, so a burst of ten thousand
         * joins would cost a hundred million frames. A client's count past it is an estimate.
         */
        int SHOWN_UP_TO_USERS = 500;

        @Override
        default boolean isPresence() {
            return true;
        }
    }

    /** True for events after which nicks may clash or reach may change: arrivals, renames, links. */
    default boolean changesRoster() {
        return false;
    }

    /** A chat line, with its client's line id (empty for none). */
    record Said(String nick, String text, String lineId) implements Event {
        /** A chat line with no id. */
        public Said(String nick, String text) {
            this(nick, text, "");
        }

        @Override
        public String line() {
            return nick + ": " + text;
        }
    }

    /**
     * A {@code /me} action. It goes out under its author's nick, as chat lines do: only server
     * notices start with {@code "* "}, and no nick starts with {@code *}, so no action can pass
     * for a notice (one saying "you are now known as root", say). It has its client's line id,
     * as a chat line does.
     */
    record Acted(String nick, String action, String lineId) implements Event {
        /** An action with no id. */
        public Acted(String nick, String action) {
            this(nick, action, "");
        }

        @Override
        public String line() {
            return nick + ": * " + action;
        }
    }

    /**
     * The mark that opens every private line: only the server starts a line with it, as with
     * {@code "* "}, since every user's line starts with a nick, and no nick holds a space.
     */
    String PRIVATE = "[msg] ";

    /**
     * A private line from one user to another ({@code /msg}), on the recipient's server
     * {@code server}. It travels and is replayed as chat lines are, but only its two ends are
     * shown it, and it is never kept in the backlog. It has its client's line id, as a chat line does.
     */
    record Whispered(String from, String to, String server, String text, String lineId) implements Event {
        /** A private line with no id. */
        public Whispered(String from, String to, String server, String text) {
            this(from, to, server, text, "");
        }

        @Override
        public String line() {
            return PRIVATE + from + " -> " + to + ": " + text;
        }
    }

    /** A user arrived. */
    record Joined(String nick) implements Presence {
        @Override
        public String line() {
            return "* " + nick + " joined";
        }

        @Override
        public boolean changesRoster() {
            return true;
        }
    }

    /** A user left; the reason is empty when none was given. */
    record Left(String nick, String reason) implements Presence {
        @Override
        public String line() {
            return reason.isEmpty() ? "* " + nick + " left" : "* " + nick + " left (" + reason + ")";
        }
    }

    /** A user changed nick. */
    record Renamed(String from, String to) implements Presence {
        @Override
        public String line() {
            return "* " + from + " is now known as " + to;
        }

        @Override
        public boolean changesRoster() {
            return true;
        }
    }

    /** The origin server's live links changed: {@code peers} are the servers it is linked to now. */
    record Links(List<String> peers) implements Event {
        /** Copies the list. */
        public Links {
            peers = List.copyOf(peers);
        }

        @Override
        public String line() {
            return "* links: " + String.join(", ", peers);
        }

        @Override
        public boolean visible() {
            return false;
        }

        @Override
        public boolean changesRoster() {
            return true;
        }
    }
}
