package linkchat.server;

/**
 * A peer sent what no honest server sends: a boot in the future, a sequence number its origin
 * could not have reached, or more origins, users or links than any federation has. The link that
 * carried it is refused with this message as the reason; nothing of the message was taken.
 */
public final class Implausible extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Implausible(String reason) {
        super(reason, null, false, false);
    }
}
