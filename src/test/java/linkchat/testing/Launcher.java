package linkchat.testing;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that starts linkchat in a process of its own: the image's launcher when the
 * build names it ({@code make test} builds the image first and passes
 * {@code -Dlinkchat.launcher}), else a java of this JDK with the classes and the JLine jars this
 * test runs with.
 */
public final class Launcher {
    private Launcher() {}

    /** {@code linkchat ARGS...}, as one list of words. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        String launcher = System.getProperty("linkchat.launcher", "");
        if (!launcher.isEmpty()) {
            if (!Files.isExecutable(Path.of(launcher))) {
                throw new AssertionError("no launcher at " + launcher);
            }
            command.add(launcher);
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-preview", "--enable-native-access=ALL-UNNAMED", "--enable-native-access=org.jline.nativ",
                    "--module-path", modulePath(), "--add-modules", "org.jline.terminal.jni",
                    "-m", "linkchat/linkchat.cli.Main"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static String modulePath() {
        return ModuleLayer.boot().configuration().modules().stream()
                .map(ResolvedModule::reference)
                .filter(r -> r.descriptor().name().equals("linkchat") || r.descriptor().name().startsWith("org.jline"))
                .map(r -> r.location().map(Path::of).map(Path::toString).orElseThrow())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
