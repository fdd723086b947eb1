package linkchat.server;

/** Something that happened in the conversation, fanned out to every member. Immutable. */
sealed interface Event {
    /** The line every member sees. */
    String line();

    /** A chat line. */
    record Said(String nick, String text) implements Event {
        @Override
        public String line() {
            return nick + ": " + text;
        }
    }

    /** A {@code /me} action. */
    record Acted(String nick, String action) implements Event {
        @Override
        public String line() {
            return "* " + nick + " " + action;
        }
    }

    /** A member arrived. */
    record Joined(String nick) implements Event {
        @Override
        public String line() {
            return "* " + nick + " joined";
        }
    }

    /** A member left; the reason is empty when none was given. */
    record Left(String nick, String reason) implements Event {
        @Override
        public String line() {
            return reason.isEmpty() ? "* " + nick + " left" : "* " + nick + " left (" + reason + ")";
        }
    }

    /** A member changed nick. */
    record Renamed(String from, String to) implements Event {
        @Override
        public String line() {
            return "* " + from + " is now known as " + to;
        }
    }
}
