package linkchat.server;

import java.util.Optional;

import linkchat.wire.Nicks;

/** The nick rule and key as the server uses them; they live in {@link Nicks}, where the peer codec holds links to them too. */
final class NickRules {
    /** The rule, as told to a client whose nick was refused. */
    static final String RULE = Nicks.RULE;

    private NickRules() {}

    /** Returns why {@code nick} is refused, or empty if it is acceptable. */
    static Optional<String> problem(String nick) {
        return Nicks.problem(nick);
    }

    /** The key under which a nick is unique. */
    static String key(String nick) {
        return Nicks.key(nick);
    }
}
