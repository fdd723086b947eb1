package linkchat.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whether the machine has restarted since a log was last opened: a process that dies leaves
 * what it wrote in the operating system's cache, to reach the disk anyway, but a machine that
 * restarts may have lost whatever was written and not yet synced. Linux names each of its boots;
 * where the system does not, every open is taken as after a restart, the safe side.
 */
final class HostBoot {
    /** The file in the log's directory naming the host's boot in which the log was last opened. */
    static final String FILE = "host-boot";

    /** Where Linux names its current boot (a random UUID drawn at each boot). */
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private HostBoot() {}

    /**
     * True if the log in {@code dir} was last opened during the host's current boot; notes the
     * current boot there for the next open either way (written aside and moved into place, so a
     * crash leaves the old note or the new one, never half of one).
     */
    static boolean unchanged(Path dir) throws IOException {
        String now = current();
        Path file = dir.resolve(FILE);
        String before = Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        if (now != null && !now.equals(before)) {
            Path aside = dir.resolve(FILE + ".new");
            Files.writeString(aside, now + "\n");
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return now != null && now.equals(before);
    }

    private static String current() {
        try {
            String id = Files.readString(BOOT_ID).strip();
            return id.isEmpty() ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
