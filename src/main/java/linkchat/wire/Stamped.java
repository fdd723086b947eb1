package linkchat.wire;

/**
 * An event with its identity: the server it happened on, that server's boot id, its sequence
 * number there (1, 2, 3... per boot), and the origin's wall-clock time in milliseconds.
 * (origin, boot, seq) names an event uniquely across the federation.
 */
public record Stamped(String origin, long boot, long seq, long time, Event event) {}
