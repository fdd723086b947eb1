package linkchat.store;

import java.io.IOException;

/** The log cannot be opened or read as it stands: a server must stop with this message rather than start empty. */
public final class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A failure with its reason, said so that an operator knows what to do. */
    public StoreException(String message) {
        super(message);
    }

    /** A failure with its reason and the I/O error behind it. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
