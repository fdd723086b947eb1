package linkchat.client.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.ScreenTerminal;

import linkchat.client.ClientConfig;
import linkchat.client.FakeServer;

/**
 * Runs {@link ChatClient} on an in-memory xterm (no tty or pty needed): the test types keystrokes and
 * waits for text to reach the screen. The client runs on its own platform thread, which is thus
 * the one thread in readLine; the test thread only types, waits and reads.
 */
final class TerminalHarness implements AutoCloseable {
    /** The terminal's size when the client starts. */
    static final int COLUMNS = 80;
    static final int ROWS = 24;

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

    /**
     * Everything the client wrote to the terminal, with a way to wait for a piece of text; and
     * the same bytes fed to JLine's VT100 emulator, which tells what a real terminal would show.
     */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ScreenTerminal emulator = new ScreenTerminal(COLUMNS, ROWS);
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer undecoded = ByteBuffer.allocate(0); // the start of a character split across writes

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            ByteBuffer in = ByteBuffer.allocate(undecoded.remaining() + len).put(undecoded).put(b, off, len).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining());
            decoder.decode(in, out, false);
            undecoded = ByteBuffer.allocate(in.remaining()).put(in).flip();
            emulator.write(out.flip());
            notifyAll();
        }

        /** The emulated terminal changes size, as a window does before its program hears of it. */
        synchronized void resize(int columns, int rows) {
            emulator.setSize(columns, rows);
        }

        /** The rows the emulated terminal shows now, each as wide as the screen. */
        synchronized List<String> rows() {
            int columns = emulator.getColumns();
            long[] cells = new long[columns * emulator.getRows()];
            emulator.dump(cells, new int[2]);
            List<String> rows = new ArrayList<>();
            for (int at = 0; at < cells.length; at += columns) {
                StringBuilder row = new StringBuilder();
                for (int x = at; x < at + columns; x++) {
                    int c = ScreenTerminal.cellCodePoint(cells[x]);
                    row.appendCodePoint(c == 0 ? ' ' : c);
                }
                rows.add(row.toString());
            }
            return rows;
        }

        /** Waits until the rows shown satisfy {@code wanted}. */
        synchronized List<String> awaitRows(Predicate<List<String>> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeServer.WAIT_SECONDS);
            List<String> rows;
            while (!wanted.test(rows = rows())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the screen never showed " + what + "; it shows:\n" + String.join("\n", rows));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return rows;
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
                .size(new Size(COLUMNS, ROWS))
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

    /** Waits until the rows the terminal shows now satisfy {@code wanted}; returns them. */
    List<String> awaitRows(Predicate<List<String>> wanted, String what) throws InterruptedException {
        return screen.awaitRows(wanted, what);
    }

    /** The rows the terminal shows now, trailing blanks included. */
    List<String> rows() {
        return screen.rows();
    }

    /** Resizes the window: the terminal first, then the client hears SIGWINCH, as in a real one. */
    void resize(int columns, int rows) {
        screen.resize(columns, rows);
        terminal.setSize(new Size(columns, rows));
        terminal.raise(Terminal.Signal.WINCH);
    }

    /** Everything written to the terminal so far, control sequences included. */
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
