package linkchat.server;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The nick a client asks to join under, by making {@code /nick NAME} its first frame: it then
 * joins under NAME at once, announced in one line, instead of as a guest renamed a moment later.
 * A taken NAME falls back to {@code NAME_}, {@code NAME__}, ... as IRC clients do. Stateless.
 */
final class WantedNick {
    /**
     * Underscores tried after a taken nick before the client joins as a guest: each try is a
     * roster lookup under the hub's lock, and a person whose nick and its first variants are
     * all taken is better told so than given {@code bob________}.
     */
    static final int MAX_FALLBACKS = 8;

    private static final String NICK_COMMAND = "/nick ";

    private WantedNick() {}

    /**
     * The nick a connection's first frame asks for, or null if the frame is not {@code /nick
     * NAME} with a NAME a client may take: such a frame is then handled as any other, after a
     * guest's join, so its error reaches the client as before.
     */
    static String of(String firstFrame) {
        if (firstFrame == null || firstFrame.length() <= NICK_COMMAND.length()
                || !firstFrame.substring(0, NICK_COMMAND.length()).toLowerCase(Locale.ROOT).equals(NICK_COMMAND)) {
            return null;
        }
        String nick = firstFrame.substring(NICK_COMMAND.length()).strip();
        return NickRules.problem(nick).isEmpty() ? nick : null;
    }

    /** The nick to join under: {@code wanted} or the first free of its fallbacks, else (or when null) a fresh guest nick. */
    static String pick(String wanted, Roster roster, GuestNicks guests) {
        return wanted == null ? guests.fresh(roster)
                : free(wanted, n -> roster.holder(n).isPresent()).orElseGet(() -> guests.fresh(roster));
    }

    /** {@code wanted}, or the first free of its fallbacks; empty if they are all {@code taken}. */
    static Optional<String> free(String wanted, Predicate<String> taken) {
        String nick = wanted;
        for (int i = 0; i <= MAX_FALLBACKS && NickRules.problem(nick).isEmpty(); i++, nick += "_") {
            if (!taken.test(nick)) {
                return Optional.of(nick);
            }
        }
        return Optional.empty();
    }

    /** What a client that wanted {@code wanted} (null: nothing) and joined as {@code nick} is told after its welcome, if anything. */
    static Optional<String> fellBack(String wanted, String nick) {
        return wanted == null || wanted.equals(nick) ? Optional.empty()
                : Optional.of("the nick " + wanted + " is taken, so you are " + nick + "; /nick changes it");
    }
}
