package linkchat.server;

import java.util.random.RandomGenerator;

/**
 * Names guests: {@code guest-N} with N drawn at random, so linked servers naming guests at the
 * same moment seldom pick the same one (counting from 1 on every server clashed whenever two
 * clients joined two servers at once). Not thread-safe: the {@link Hub} calls it under its lock.
 */
final class GuestNicks {
    /** Guest numbers are drawn from 1 up to this: wide enough that two drawn at once seldom meet. */
    private static final int GUEST_NUMBERS = 100_000;

    /** Draws before falling back to counting past {@link #GUEST_NUMBERS}: a crowd of guests, not a clash. */
    private static final int GUEST_DRAWS = 16;

    private final RandomGenerator random;
    /** Guest nicks counted past the drawn ones, for when the draws kept hitting held nicks. */
    private long counted;

    GuestNicks(RandomGenerator random) {
        this.random = random;
    }

    /** A guest nick nobody reachable on {@code roster} holds. */
    String fresh(Roster roster) {
        for (int i = 0; i < GUEST_DRAWS; i++) {
            String nick = "guest-" + random.nextInt(1, GUEST_NUMBERS);
            if (roster.holder(nick).isEmpty()) {
                return nick;
            }
        }
        String nick;
        do {
            nick = "guest-" + (GUEST_NUMBERS + ++counted);
        } while (roster.holder(nick).isPresent());
        return nick;
    }
}
