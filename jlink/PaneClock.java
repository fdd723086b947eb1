import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Stamps what a linkchat client draws on its terminal, for jlink/measure-client-startup: tmux
 * pipes the pane's output here as the pane receives it (pipe-pane), and this notes the wall
 * clock, in microseconds since the epoch, when the first prompt ("> ") and when the status
 * line ("| connected |") first appear in it, escape sequences left out. Reading a pipe costs
 * nothing while it is empty, so the client being timed has the machine to itself, which
 * polling the pane with a process every few milliseconds would not give it.
 *
 * <p>{@code java PaneClock.java OUT READY}: creates READY once it reads, and writes
 * "PROMPT-US STATUS-US" to OUT once both have shown; reads on until the pane closes.
 */
public final class PaneClock {
    private static final Pattern ESCAPES = Pattern.compile("\u001b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78])");

    private PaneClock() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createFile(Path.of(args[1]));
        InputStream in = System.in;
        StringBuilder seen = new StringBuilder();
        byte[] chunk = new byte[65_536];
        long prompt = 0;
        long status = 0;
        boolean written = false;
        for (int n; (n = in.read(chunk)) > 0; ) {
            long now = micros(Instant.now());
            if (written) {
                continue;
            }
            seen.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
            String text = ESCAPES.matcher(seen).replaceAll("");
            if (prompt == 0 && text.contains("> ")) {
                prompt = now;
            }
            if (status == 0 && text.contains("| connected |")) {
                status = now;
            }
            if (prompt != 0 && status != 0) {
                Path part = out.resolveSibling(out.getFileName() + ".part");
                Files.writeString(part, prompt + " " + status + "\n");
                Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
                written = true;
            }
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
