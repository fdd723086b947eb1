package linkchat.store;

import java.nio.file.Path;

/** A second process for {@link DirectoryLockTest}: opens the log in {@code args[0]}, says so, and holds it until its input ends. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(Logs.config(Path.of(args[0]), 4096), r -> { })) {
            store.append(Logs.line(1));
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the log until the test closes this process's input (or kills it).
            }
        }
    }
}
