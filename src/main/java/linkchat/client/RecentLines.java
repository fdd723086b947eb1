package linkchat.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines shown in the last few minutes, by text, so that the backlog a server sends after a
 * reconnect does not repeat what the user has already seen. Thread-safe (one lock).
 */
final class RecentLines {
    /** How far back a backlog line counts as already seen: longer than any reconnect takes. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    /** Most lines remembered, so a busy federation cannot grow this without bound. */
    static final int MAX_LINES = 2_000;

    private record Shown(Instant at, String text) {}

    private final Clock clock;
    private final Deque<Shown> shown = new ArrayDeque<>();

    RecentLines(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a line just shown. */
    synchronized void add(String text) {
        forgetOld();
        if (shown.size() == MAX_LINES) {
            shown.removeFirst();
        }
        shown.addLast(new Shown(clock.instant(), text));
    }

    /** Whether {@code text} was shown within the window. */
    synchronized boolean contains(String text) {
        forgetOld();
        return shown.stream().anyMatch(s -> s.text().equals(text));
    }

    private void forgetOld() {
        Instant horizon = clock.instant().minus(WINDOW);
        while (!shown.isEmpty() && shown.peekFirst().at().isBefore(horizon)) {
            shown.removeFirst();
        }
    }
}
