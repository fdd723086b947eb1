package linkchat.server;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import linkchat.wire.Command;
import linkchat.wire.Event;
import linkchat.wire.Frames;
import linkchat.wire.LineId;
import linkchat.wire.Nicks;
import linkchat.wire.Sanitizer;

/**
 * What a member's lines do: each command carried out, its text cleaned and checked, and the
 * answer, an error included, told to the member alone. One per {@link ClientSession}, called by
 * its reading thread only.
 */
final class ClientCommands {
    /**
     * Longest reason a quit may give, in characters; a longer one is cut. It is told to everyone:
     * a 64 KB reason on every reconnect flooded every client with departures.
     */
    static final int MAX_REASON_CHARS = 200;

    private static final String TOO_LONG = "error: line too long (at most " + Event.MAX_TEXT_BYTES + " bytes)";

    /**
     * {@code /who} replies over a crowd ({@link #WHO_FREE_USERS}) a client may ask for in a row,
     * and how often one more after that. Each such reply sorts the whole roster and is a frame of
     * up to 64 KB: 40 clients asking in a loop on a server with 16,000 users held up everyone's
     * deliveries for seconds. A person asks now and then; linkchat's client asks once per
     * connection, always within the burst.
     */
    static final int WHO_BURST = 5;

    /** See {@link #WHO_BURST}. */
    static final Duration WHO_INTERVAL = Duration.ofSeconds(2);

    /**
     * A {@code /who} listing at most this many users is not counted against {@link #WHO_BURST}:
     * it costs about what a chat line costs (the client rate bounds both), and scripts that poll
     * a small federation keep working.
     */
    static final int WHO_FREE_USERS = Event.Presence.SHOWN_UP_TO_USERS;

    private final Hub hub;
    private final WhoReplies whoReplies;
    private final Member member;
    private final RateLimit whoRate = RateLimit.every(WHO_INTERVAL, WHO_BURST);

    ClientCommands(Hub hub, WhoReplies whoReplies, Member member) {
        this.hub = hub;
        this.whoReplies = whoReplies;
        this.member = member;
    }

    /** The reason a member gave for leaving, cleaned and cut to {@link #MAX_REASON_CHARS}. */
    String reasonOf(Command.Quit quit) {
        String reason = Sanitizer.clean(quit.reason()).strip();
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_CHARS) {
            reason = reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON_CHARS)).strip();
        }
        return reason;
    }

    /**
     * Carries out any command but {@link Command.Quit}, which ends the session and is its reader's
     * to handle; then acknowledges a line that came with an id ({@code /line}), to its sender alone.
     */
    void handle(Command command) {
        switch (command) {
            case Command.Say say -> speak(say.text(), text -> new Event.Said(member.nick(), text, say.lineId()));
            case Command.Me me -> speak(me.action(), action -> new Event.Acted(member.nick(), action, me.lineId()));
            case Command.Nick nick -> hub.rename(member, nick.name()).ifPresent(p -> member.tell("error: " + p));
            case Command.Msg msg -> whisper(msg);
            case Command.Who who -> who();
            case Command.Links links -> member.tell(hub.linkMap().reply());
            case Command.Help help -> Command.SPECS.forEach(s -> member.tell(s.usage() + " - " + s.summary()));
            case Command.Invalid invalid -> member.tell("error: " + invalid.problem());
            case Command.Quit quit -> throw new IllegalStateException("quit is handled by the read loop");
        }
        if (!command.lineId().isEmpty()) {
            // Once the line is delivered (after its echo), found delivered already, or refused (after the error).
            member.outbox.offerOwn(Frames.encode(LineId.ACK + command.lineId()));
        }
    }

    /** Cleans a line and has everyone hear it as {@code event} makes it; one too long is refused to its sender. */
    private void speak(String raw, Function<String, Event> event) {
        String text = clean(raw);
        if (text != null) {
            hub.broadcast(event.apply(text));
        }
    }

    /**
     * Sends a {@code /msg} to its recipient alone, or tells the sender alone that nobody reachable
     * holds the nick. The text is held to a chat line's rules; the line around it still fits a
     * client's frame, since the recipient's nick is at most 128 bytes and the margin is 1,024.
     */
    private void whisper(Command.Msg msg) {
        String text = clean(msg.text());
        if (text != null && !hub.whisper(member, msg.to(), text, msg.lineId())) {
            member.tell("error: nobody reachable is called " + shown(msg.to()) + "; /who lists who is");
        }
    }

    /** A nick as an error repeats it: cleaned, and cut past the longest nick, for it may be a whole line. */
    private static String shown(String nick) {
        String clean = Sanitizer.clean(nick);
        int max = Nicks.MAX_LENGTH;
        return clean.codePointCount(0, clean.length()) <= max ? clean : clean.substring(0, clean.offsetByCodePoints(0, max)) + "...";
    }

    /** A line cleaned as every line a user sends is; null, with an error told for one too long, if there is nothing to send. */
    private String clean(String raw) {
        String text = Sanitizer.clean(raw).strip();
        if (!Event.fits(text)) {
            member.tell(TOO_LONG);
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /**
     * Answers {@code /who}, or refuses one past {@link #WHO_BURST} with when to ask again: before
     * the sort, which is the costly part. Refused rather than delayed: a delay would hold up the
     * client's other lines behind it and park its thread for seconds, even through a shutdown;
     * a refusal costs nothing and tells a person when to ask again.
     */
    private void who() {
        List<Roster.WhoRow> rows = hub.who();
        Duration wait = rows.size() <= WHO_FREE_USERS ? Duration.ZERO : whoRate.tryTake();
        if (wait.isZero()) {
            member.outbox.offer(whoReplies.frameFor(rows));
        } else {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1_000);
            member.tell("error: /who is answered " + WHO_BURST + " times in a row, then once every "
                    + WHO_INTERVAL.toSeconds() + " s; ask again in " + seconds + " s");
        }
    }
}
