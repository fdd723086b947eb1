package linkchat.client.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import linkchat.client.ClientConfig;
import linkchat.client.FakeServer;

/**
 * Runs {@link ChatClient} on an in-memory xterm (no tty or pty needed): the test types keystrokes and
 * waits for text to reach the screen. The client runs on its own platform thread, which is thus
 * the one thread in readLine; the test thread only types, waits and reads.
 */
final class TerminalHarness implements AutoCloseable {
    /** Keystrokes the test typed, handed to the terminal's input pump one byte at a time. */
    private static final class Keyboard extends InputStream {
        private static final int END = -1;
        private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

        void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                keys.add(b & 0xff);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                int key = keys.take();
                if (key == END) {
                    keys.add(END); // stay at the end for every later read
                }
                return key;
            } catch (InterruptedException e) {
                throw new InterruptedIOException("terminal closed");
            }
        }

        /** Blocks for the first byte only, then takes what is already typed: the pump must not wait for a full buffer. */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first == END) {
                return END;
            }
            b[off] = (byte) first;
            int n = 1;
            Integer next;
            while (n < len && (next = keys.peek()) != null && next != END) {
                b[off + n++] = (byte) (int) keys.poll();
            }
            return n;
        }

        @Override
        public int available() {
            return keys.size();
        }

        @Override
        public void close() {
            keys.add(END);
        }
    }

    /** Everything the client wrote to the terminal, with a way to wait for a piece of text. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        /** Waits for {@code needle} in the text without control sequences, from {@code from} on. */
        synchronized int awaitText(String needle, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeServer.WAIT_SECONDS);
            int at;
            while ((at = inline(text()).indexOf(needle, from)) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("screen never showed " + printable(needle) + "; it shows:\n" + printable(text()));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return at + needle.length();
        }

        synchronized void awaitAnywhere(String needle) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeServer.WAIT_SECONDS);
            while (!uncoloured(text()).contains(needle)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("screen never showed " + printable(needle) + "; it shows:\n" + printable(text()));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized int awaitMatch(Pattern pattern, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeServer.WAIT_SECONDS);
            Matcher m;
            while (!(m = pattern.matcher(inline(text()))).find(from)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("screen never matched " + pattern + "; it shows:\n" + printable(text()));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return m.end();
        }

        /** Decoded afresh each time: a character split across writes only shows once it is whole. */
        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Control sequences JLine writes: colours, cursor moves, modes; the text between is what was shown. */
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[78=>]");
    private static final Pattern SAVED_CURSOR_DRAWING = Pattern.compile("\u001b7.*?\u001b8", Pattern.DOTALL);
    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private int cursor;

    /** Starts the client against {@code config} on a fresh in-memory terminal. */
    TerminalHarness(ClientConfig config) throws IOException {
        terminal = TerminalBuilder.builder()
                .system(false)
                .name("test")
                .streams(keyboard, screen)
                // A pure-Java line discipline over our streams: no pty, so it runs wherever CI does.
                .provider(TerminalBuilder.PROP_PROVIDER_EXEC)
                .type("xterm")
                .encoding(StandardCharsets.UTF_8)
                .size(new Size(80, 24))
                .graphemeCluster(false)
                .build();
        Thread.ofPlatform().name("chat-client-under-test").daemon().start(() -> {
            try {
                exit.complete(ChatClient.run(config, terminal));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        });
    }

    /** Types {@code keys} as if at the keyboard. */
    void type(String keys) {
        keyboard.type(keys);
    }

    /** Waits until {@code needle} is drawn anywhere, the status line included; the position stays. */
    void awaitAnywhere(String needle) throws InterruptedException {
        screen.awaitAnywhere(needle);
    }

    /** Waits until {@code needle} appears in the scrolling text after everything awaited so far, and moves past it. */
    void await(String needle) throws InterruptedException {
        cursor = screen.awaitText(needle, cursor);
    }

    /** Waits until text matching {@code regex} appears after everything awaited so far, and moves past it. */
    void awaitMatch(String regex) throws InterruptedException {
        cursor = screen.awaitMatch(Pattern.compile(regex), cursor);
    }

    /** Everything on the screen so far. */
    String screen() {
        return screen.text();
    }

    /** The client's exit status; fails if it does not end within the test's patience. */
    int exitStatus() throws InterruptedException, ExecutionException {
        try {
            return exit.get(FakeServer.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("client still running; screen:\n" + printable(screen()), e);
        }
    }

    /**
     * {@code s} without the status line's drawings (each between a cursor save and restore, so
     * they may fall between two typed characters) and without control sequences: the text
     * shown in the scrolling part of the screen, in order.
     */
    static String inline(String s) {
        return uncoloured(SAVED_CURSOR_DRAWING.matcher(s).replaceAll(""));
    }

    /** {@code s} without control sequences: all text drawn anywhere, near enough to search. */
    static String uncoloured(String s) {
        return ESCAPES.matcher(s).replaceAll("");
    }

    /** Every distinct SGR sequence (colour, bold, dim, inverse) in {@code s}. */
    static java.util.Set<String> styles(String s) {
        return SGR.matcher(s).results().map(r -> printable(r.group())).collect(java.util.stream.Collectors.toSet());
    }

    static String printable(String s) {
        return s.replace("\u001b", "<ESC>").replace("\r", "<CR>");
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        terminal.close();
    }
}
