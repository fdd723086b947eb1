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

    /**
     * The client's id for the line this command sends ({@code /line ID TEXT}), empty for none:
     * only a chat line, an action, a private line, or the refusal of a {@code /line}, has one.
     */
    default String lineId() {
        return "";
    }

    /** A plain chat line, under a client's line id if it came in a {@code /line}. */
    record Say(String text, String lineId) implements Command {
        /** A chat line with no id. */
        public Say(String text) {
            this(text, "");
        }
    }

    /** {@code /nick NAME}. */
    record Nick(String name) implements Command {}

    /** {@code /quit [reason]}; the reason is empty when none was given. */
    record Quit(String reason) implements Command {}

    /** {@code /who}. */
    record Who() implements Command {}

    /** {@code /me ACTION}, under a client's line id if it came in a {@code /line}. */
    record Me(String action, String lineId) implements Command {
        /** An action with no id. */
        public Me(String action) {
            this(action, "");
        }
    }

    /** {@code /msg NICK TEXT}: a private line to one user, under a client's line id if it came in a {@code /line}. */
    record Msg(String to, String text, String lineId) implements Command {
        /** A private line with no id. */
        public Msg(String to, String text) {
            this(to, text, "");
        }
    }

    /** {@code /links}: the servers of the federation and the paths to them. */
    record Links() implements Command {}

    /** {@code /help}. */
    record Help() implements Command {}

    /**
     * A slash command that was unknown or given the wrong arguments; {@code problem} says which. A
     * refused {@code /line} with a well-formed id keeps it, so that its sender is still told the
     * line is done with.
     */
    record Invalid(String problem, String lineId) implements Command {
        /** A refusal of a command with no id. */
        public Invalid(String problem) {
            this(problem, "");
        }
    }

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

    /**
     * The usage of {@code /line ID TEXT}, linkchat's client's extension (PROTOCOL.md 2, "Line
     * ids"). It is kept out of {@link #SPECS}, so {@code /help} does not list it: no person types it.
     */
    String LINE_USAGE = "usage: " + LineId.COMMAND + " ID TEXT";

    /** Why a {@code /line} carrying another command is refused. */
    String NOT_CARRIED = LineId.COMMAND + " carries a chat line, /me or /msg, and nothing else";

    /**
     * Parses one payload. Text not starting with {@code /} is a chat line, as is {@code //text}
     * (sent as {@code /text}); {@code /line ID TEXT} is TEXT's command under the line id ID.
     */
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
            case "line" -> line(arg);
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

    /**
     * {@code ID TEXT}: TEXT parsed as it would be alone, under ID. A bad ID is refused without
     * one; TEXT missing, refused itself, or any command but a chat line, an action or a private
     * line (another {@code /line} too) is refused under ID.
     */
    private static Command line(String arg) {
        int space = arg.indexOf(' ');
        String id = space < 0 ? arg : arg.substring(0, space);
        if (!LineId.valid(id)) {
            return new Invalid(id.isEmpty() ? LINE_USAGE : "bad line id '" + shown(id) + "' (" + LineId.RULE + ")");
        }
        Command carried = space < 0 ? new Invalid(LINE_USAGE) : parse(arg.substring(space + 1));
        if (!carried.lineId().isEmpty()) {
            carried = new Invalid(NOT_CARRIED);
        }
        return switch (carried) {
            case Say say -> new Say(say.text(), id);
            case Me me -> new Me(me.action(), id);
            case Msg msg -> new Msg(msg.to(), msg.text(), id);
            case Invalid invalid -> new Invalid(invalid.problem(), id);
            case Nick _, Quit _, Who _, Links _, Help _ -> new Invalid(NOT_CARRIED, id);
        };
    }

    private static Command usageError(String name) {
        Spec spec = SPECS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        return new Invalid("usage: " + spec.usage());
    }
}
