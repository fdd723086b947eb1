package linkchat.client;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import linkchat.wire.LineId;

/**
 * The ids our lines carry ({@code /line ID TEXT}, PROTOCOL.md part 2): one random token per
 * client run, then a dot and a counter, so an id never repeats within a run nor, but by a
 * 1 in 2^64 chance, between two runs or two clients. Any thread may take one.
 */
final class LineIds {
    /** One count for the run, whatever the token: a second session of the run repeats no id of the first. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final String token; // null: the run's, drawn when first needed

    /** Ids under this run's token. */
    LineIds() {
        this.token = null;
    }

    /** Ids under {@code token}, which must be well-formed and leave room for the counter. */
    LineIds(String token) {
        if (!LineId.valid(token) || token.length() > 40) {
            throw new IllegalArgumentException("bad id token " + token);
        }
        this.token = token;
    }

    /** A new id: {@code TOKEN.N}, at most 40 + 1 + 19 characters. */
    String next() {
        return token() + "." + COUNTER.incrementAndGet();
    }

    /** Whether {@code id} was, or could have been, handed out by {@link #next}. */
    boolean isOurs(String id) {
        return id.startsWith(token() + ".");
    }

    private String token() {
        return token != null ? token : Token.RUN;
    }

    /**
     * The run's token, drawn when the first line is sent rather than at start-up, where the
     * client's first prompt is due within a few hundred milliseconds: 64 random bits.
     */
    private static final class Token {
        static final String RUN = Long.toUnsignedString(new SecureRandom().nextLong(), 36);
    }
}
