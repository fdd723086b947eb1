package linkchat.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Writes to a socket channel, blocking or not: when a non-blocking channel's send buffer is
 * full, the writer waits on a selector of its own until the socket takes more, so the channel
 * can be read through a {@link Receiver} at the same time. One writing thread at a time; wait
 * in a platform thread, as a virtual one would hold its carrier while it selects.
 */
final class ChannelOutput extends OutputStream {
    /** Longest single wait for room: a closed channel is noticed within it even if no wake-up comes. */
    private static final long WAIT_MILLIS = 100;

    private final SocketChannel channel;
    /** Opened on the first wait; guarded by this, as {@link #close} may come from another thread. */
    private Selector writable;
    private boolean closed;

    ChannelOutput(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                awaitRoom();
            }
        }
    }

    private void awaitRoom() throws IOException {
        try {
            Selector selector = selector();
            selector.select(WAIT_MILLIS);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new IOException("connection closed while the server's socket was full", e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedIOException("interrupted while the server's socket was full");
        }
    }

    private synchronized Selector selector() throws IOException {
        if (closed) {
            throw new ClosedSelectorException();
        }
        if (writable == null) {
            writable = Selector.open();
            channel.register(writable, SelectionKey.OP_WRITE);
        }
        return writable;
    }

    /** Closes the selector it waits on; the channel is its owner's to close. Any thread. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (writable != null) {
            writable.close();
        }
    }
}
