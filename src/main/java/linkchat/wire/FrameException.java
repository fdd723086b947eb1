package linkchat.wire;

import java.io.IOException;

/** A frame that breaks the wire format; the connection it came from cannot be trusted further. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message fit to show the peer after {@code "* error: "}. */
    public FrameException(String message) {
        super(message);
    }
}
