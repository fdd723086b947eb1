package linkchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with a deadline: after {@link #start}, each wait on the socket gets only what
 * is left of the time, so a frame (or a handshake step) trickled in a byte at a time still ends
 * when its time is up, with a {@link SocketTimeoutException}. Bytes the stream already holds are
 * read without touching the socket. The caller sets the socket's timeout back once it is done.
 * One reading thread.
 */
public final class FrameClock extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    private long deadline;

    /** Reads {@code in}, the input of {@code socket}, allowing {@code timeoutMs} from each {@link #start}. */
    public FrameClock(Socket socket, InputStream in, int timeoutMs) {
        this.socket = socket;
        this.in = in;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Something timed begins: from now on it has the whole timeout to arrive. */
    public void start() {
        deadline = System.nanoTime() + timeoutNanos;
    }

    @Override
    public int read() throws IOException {
        beforeWait();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        beforeWait();
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    private void beforeWait() throws IOException {
        if (in.available() > 0) {
            return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("time is up");
        }
        socket.setSoTimeout((int) left);
    }
}
