package linkchat.client.ui;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.text.BreakIterator;
import java.time.ZoneId;

import org.jline.terminal.Terminal;

/**
 * Does, on a thread of its own while the terminal is being built, the JDK's one-time work that
 * the line editor would otherwise do on the main thread after it: everything here is kept by
 * the JDK for the rest of the run, so the main thread later finds it done. None of it can be
 * in the start-up cache, which holds classes and not what the JDK makes at run time.
 *
 * <ul>
 * <li>JLine's first {@code readLine} registers its window-size signal handler through a
 *     {@link Proxy} of {@code sun.misc.SignalHandler}, whose class the JDK generates at the
 *     first use in each class loader: 20 to 70 ms here, before the editor first draws.
 * <li>The time zone, read from the JDK's zone database when the first line is stamped.
 * <li>The grapheme-cluster break iterator, whose locale data the editor's first width
 *     measurement loads.
 * </ul>
 * A failure costs only the time it would have saved: the main thread then does the work itself.
 */
final class Ahead {
    private static final Logger LOG = System.getLogger(Ahead.class.getName());

    private Ahead() {}

    /** Starts the work; returns at once. */
    static void start() {
        Thread.ofPlatform().daemon().name("linkchat-ahead").start(Ahead::run);
    }

    private static void run() {
        try {
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            // The class loader JLine's handlers come from: the proxy class is kept per loader.
            Proxy.newProxyInstance(Terminal.class.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> null);
        } catch (ClassNotFoundException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no signal handler class made ahead", e);
        }
        ZoneId.systemDefault();
        BreakIterator.getCharacterInstance().setText("a");
    }
}
