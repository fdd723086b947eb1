package linkchat.wire;

import java.util.List;
import java.util.Locale;

/**
 * What a client's payload asks for. Every command is declared once, in {@link #SPECS}, and
 * {@link #parse} is the one place that checks their arguments; both the server and the
 * client dispatch on the result with an exhaustive switch.
 */
public sealed interface Command {
    /** The original project's way out, kept so its clients can still leave cleanly. */
    String LEGACY_DISCONNECT = "DISCONNECT";

    /** A plain chat line. */
    record Say(String text) implements Command {}

    /** {@code /nick NAME}. */
    record Nick(String name) implements Command {}

    /** {@code /quit [reason]}; the reason is empty when none was given. */
    record Quit(String reason) implements Command {}

    /** {@code /who}. */
    record Who() implements Command {}

    /** {@code /me ACTION}. */
    record Me(String action) implements Command {}

    /** {@code /msg NICK TEXT}: a private line to one user. */
    record Msg(String to, String text) implements Command {}

    /** {@code /links}: the servers of the federation and the paths to them. */
    record Links() implements Command {}

    /** {@code /help}. */
    record Help() implements Command {}

    /** A slash command that was unknown or given the wrong arguments; {@code problem} says which. */
    record Invalid(String problem) implements Command {}

    /** One row of the command table: its name, its argument synopsis and a one-line summary. */
    record Spec(String name, String args, String summary) {
        /** {@code /name args}, as shown in help and errors. */
        public String usage() {
            return args.isEmpty() ? "/" + name : "/" + name + " " + args;
        }
    }

    /** The command table, in the order {@code /help} lists it. */
    List<Spec> SPECS = List.of(
            new Spec("nick", "NAME", "change your nickname"),
            new Spec("me", "ACTION", "say that you do something"),
            new Spec("msg", "NICK TEXT", "send TEXT to NICK alone, on any server"),
            new Spec("who", "", "list the users online"),
            new Spec("links", "", "list the servers, the way to each, their users"),
            new Spec("help", "", "list the commands"),
            new Spec("quit", "[REASON]", "leave the chat"));

    /** Parses one payload. Text not starting with {@code /} is a chat line, as is {@code //text} (sent as {@code /text}). */
    static Command parse(String payload) {
        if (payload.equals(LEGACY_DISCONNECT)) {
            return new Quit("");
        }
        if (!payload.startsWith("/")) {
            return new Say(payload);
        }
        if (payload.startsWith("//")) {
            return new Say(payload.substring(1));
        }
        int space = payload.indexOf(' ');
        String name = (space < 0 ? payload.substring(1) : payload.substring(1, space)).toLowerCase(Locale.ROOT);
        String arg = space < 0 ? "" : payload.substring(space + 1).strip();
        return switch (name) {
            case "nick" -> arg.isEmpty() || arg.contains(" ") ? usageError("nick") : new Nick(arg);
            case "me" -> arg.isEmpty() ? usageError("me") : new Me(arg);
            case "msg" -> msg(arg);
            case "who" -> arg.isEmpty() ? new Who() : usageError("who");
            case "links" -> arg.isEmpty() ? new Links() : usageError("links");
            case "help" -> new Help();
            case "quit" -> new Quit(arg);
            default -> new Invalid("unknown command /" + shown(name) + "; /help lists the commands");
        };
    }

    /** Longest unknown command name echoed back: the error must fit any client's frames and line. */
    int SHOWN_NAME_CHARS = 32;

    /** An unknown command's name as the error repeats it: cleaned, and cut short if long. */
    private static String shown(String name) {
        String clean = Sanitizer.clean(name);
        return clean.length() <= SHOWN_NAME_CHARS ? clean : clean.substring(0, SHOWN_NAME_CHARS) + "...";
    }

    /** {@code NICK TEXT}: both must be there; the text is the rest of the line, as typed. */
    private static Command msg(String arg) {
        int space = arg.indexOf(' ');
        return space < 0 || arg.substring(space + 1).isBlank()
                ? usageError("msg") : new Msg(arg.substring(0, space), arg.substring(space + 1).strip());
    }

    private static Command usageError(String name) {
        Spec spec = SPECS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        return new Invalid("usage: " + spec.usage());
    }
}
