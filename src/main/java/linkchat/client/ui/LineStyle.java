package linkchat.client.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import linkchat.client.Incoming;
import linkchat.client.Pending;

/**
 * How a line looks on the terminal: a local {@code HH:MM} stamp, each nick in a colour of its
 * own, our own lines in bold, notices dimmed, private lines in magenta, backlog lines marked {@code [history]} with the
 * time they were said. Colour is added here, after the connection sanitized the text, so
 * nothing from the network can carry an escape of its own. Without colour no style is used at
 * all. Stateless apart from its settings; any thread may use it.
 */
final class LineStyle {
    /**
     * Nick colours (xterm-256 indexes) readable on dark and light backgrounds alike; JLine
     * turns them into the nearest of 16 or 8 colours on terminals that have no more.
     */
    static final List<Integer> PALETTE = List.of(31, 32, 33, 37, 62, 64, 99, 125, 130, 133, 136, 160, 166, 172, 28, 30);

    /** The width of a stamp, {@code HH:MM}. */
    private static final int STAMP_WIDTH = 5;
    private static final String HISTORY_MARK = "[history] ";
    private static final String PENDING_MARK = " (sending)";
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle OWN = AttributedStyle.DEFAULT.bold();
    /** Errors must not look like the dimmed join and leave notices around them. */
    private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.RED);
    private static final String ERROR_PREFIX = "* error: ";
    /**
     * Private lines in a colour no nick has, so one stands out among chat lines; without colour
     * the {@code [msg]} the server puts in front marks them.
     */
    private static final AttributedStyle PRIVATE = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);

    private final boolean colour;
    private final Clock clock;

    /** Styles lines with or without colour, stamping arrivals with {@code clock}'s local time. */
    LineStyle(boolean colour, Clock clock) {
        this.colour = colour;
        this.clock = clock;
    }

    /** The palette entry for {@code nick}: the same on every run, for every case of the nick. */
    static int colourOf(String nick) {
        return PALETTE.get(Math.floorMod(nick.toLowerCase(Locale.ROOT).hashCode(), PALETTE.size()));
    }

    /** {@code line} as received just now, for a user whose nick is {@code own} (null before the welcome). */
    AttributedString render(Incoming line, String own) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (line instanceof Incoming.History history) {
            stamp(out, history.at());
            out.styled(style(DIM), HISTORY_MARK);
            body(out, history.line(), own, true);
        } else {
            stamp(out, clock.instant());
            body(out, line, own, false);
        }
        return out.toAttributedString();
    }

    /** The {@code /who} reply as a table: a heading, then one row per user with aligned columns. */
    AttributedString whoTable(Incoming.Who who, String own) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        stamp(out, clock.instant());
        int n = who.users().size();
        out.styled(style(DIM), "* " + n + (n == 1 ? " user" : " users") + " online");
        int width = Math.max("NICK".length(), who.users().stream().mapToInt(u -> u.nick().length()).max().orElse(0));
        String indent = " ".repeat(STAMP_WIDTH + 3);
        out.append('\n').append(indent).styled(style(DIM), pad("NICK", width) + "  SERVER");
        for (Incoming.User user : who.users()) {
            out.append('\n').append(indent);
            out.styled(nickStyle(user.nick(), own), user.nick()).append(pad("", width - user.nick().length()));
            out.append("  ").append(user.server());
        }
        return out.toAttributedString();
    }

    /** One of our lines the server has not echoed yet: as the echo will read (an action as shown), dimmed, marked {@code (sending)}. */
    AttributedString pending(Pending.Line line, String own) {
        String said = switch (line.kind()) {
            case SAY -> own + ": " + line.text();
            case ACTION -> Incoming.NOTICE + own + " " + line.text();
            case PRIVATE -> Incoming.PRIVATE + own + " -> " + line.to() + ": " + line.text();
        };
        return new AttributedString(said + PENDING_MARK, style(DIM));
    }

    private void body(AttributedStringBuilder out, Incoming line, String own, boolean past) {
        switch (line) {
            case Incoming.Chat chat -> {
                boolean mine = chat.nick().equals(own);
                out.styled(nickStyle(chat.nick(), own), chat.nick());
                out.styled(style(mine ? OWN : past ? DIM : AttributedStyle.DEFAULT), ": " + chat.text());
            }
            case Incoming.Action action -> out.styled(style(DIM), "* " + action.nick() + " " + action.action());
            case Incoming.Private whispered -> out.styled(style(PRIVATE), whispered.raw());
            case Incoming.Notice notice -> out.styled(style(notice.raw().startsWith(ERROR_PREFIX) ? ERROR : DIM), notice.raw());
            case Incoming.Who who -> out.styled(style(DIM), who.raw());
            case Incoming.History history -> out.styled(style(DIM), history.raw());
            case Incoming.Local local -> out.append(local.raw());
            case Incoming.Text text -> out.append(text.raw());
        }
    }

    private AttributedStyle nickStyle(String nick, String own) {
        AttributedStyle s = AttributedStyle.DEFAULT.foreground(colourOf(nick));
        return style(nick.equals(own) ? s.bold() : s);
    }

    /** {@code HH:MM}, after the date ({@code 2026-11-24 HH:MM}) for a time before today. */
    private void stamp(AttributedStringBuilder out, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, clock.getZone());
        String date = day.equals(LocalDate.now(clock)) ? "" : day + " ";
        out.styled(style(DIM), date + stamp(LocalTime.ofInstant(at, clock.getZone()))).append(' ');
    }

    /**
     * {@code HH:MM}, written out by hand: a DateTimeFormatter costs the client 20 ms of class
     * loading and locale look-ups, on the reader thread, just as the first lines arrive.
     */
    private static String stamp(LocalTime time) {
        int h = time.getHour();
        int m = time.getMinute();
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10), (char) ('0' + m % 10)});
    }

    private AttributedStyle style(AttributedStyle wanted) {
        return colour ? wanted : AttributedStyle.DEFAULT;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
