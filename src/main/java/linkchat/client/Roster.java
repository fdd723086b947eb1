package linkchat.client;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import linkchat.wire.Event;

/**
 * The nicks the client believes are online, for completion and the status line: replaced by
 * each {@code /who} reply, kept current by join, leave and rename notices and by chat lines.
 * The count is unknown until the first reply, and again from a loss of the connection until
 * the next; a reply that lists only some of the users (a big federation) still counts them all.
 * From {@link Event.Presence#SHOWN_UP_TO_USERS} users on, the servers no longer announce joins
 * and departures, so a count that high is shown as about right ({@link #shown}).
 *
 * <p>Threads: the connection's reader thread calls {@link #learn}; any thread may read.
 */
public final class Roster {
    private static final Pattern JOINED = Pattern.compile("\\* (\\S+) joined");
    private static final Pattern LEFT = Pattern.compile("\\* (\\S+) left(?: \\(.*\\))?");
    private static final Pattern RENAMED = Pattern.compile("\\* (\\S+) is now known as (\\S+)");

    private final ConcurrentSkipListSet<String> nicks = new ConcurrentSkipListSet<>();
    private volatile boolean counted; // a /who reply came since the last loss
    private volatile int unlisted; // users the last reply counted but had no room to name

    /** Updates the roster from one line; history lines say nothing about who is here now. */
    public void learn(Incoming line) {
        switch (line) {
            case Incoming.Who who -> {
                nicks.clear();
                who.users().forEach(u -> nicks.add(u.nick()));
                unlisted = Math.max(0, counted(who) - who.users().size());
                counted = true;
            }
            case Incoming.Chat chat -> nicks.add(chat.nick());
            case Incoming.Action action -> nicks.add(action.nick());
            case Incoming.Private whispered -> {
                nicks.add(whispered.from());
                nicks.add(whispered.to());
            }
            case Incoming.Notice notice -> learnNotice(notice.raw());
            case Incoming.History _, Incoming.Local _, Incoming.Text _ -> { }
        }
    }

    private void learnNotice(String line) {
        Matcher m = RENAMED.matcher(line);
        if (m.matches()) {
            nicks.remove(m.group(1));
            nicks.add(m.group(2));
            return;
        }
        m = JOINED.matcher(line);
        if (m.matches()) {
            nicks.add(m.group(1));
            return;
        }
        m = LEFT.matcher(line);
        if (m.matches()) {
            nicks.remove(m.group(1));
        }
    }

    /** Adds one nick, e.g. our own once the server confirms it. */
    public void add(String nick) {
        nicks.add(nick);
    }

    /** Forgets one nick, e.g. our old one after a rename. */
    public void remove(String nick) {
        nicks.remove(nick);
    }

    /** How many nicks are known. */
    public int size() {
        return nicks.size();
    }

    /** How many users are online, or empty while that is unknown (see the class comment). */
    public OptionalInt online() {
        return counted ? OptionalInt.of(nicks.size() + unlisted) : OptionalInt.empty();
    }

    /** A count as the status line shows it: {@code 3}, {@code ~612} where presence is no longer announced, {@code ?} while unknown. */
    public static String shown(OptionalInt users) {
        if (users.isEmpty()) {
            return "?";
        }
        int n = users.getAsInt();
        return (n >= Event.Presence.SHOWN_UP_TO_USERS ? "~" : "") + n;
    }

    /** The connection is gone: the count is unknown until the next {@code /who} reply; the nicks stay for completion. */
    public void forget() {
        counted = false;
    }

    /** The N of {@code * N users online: ...}, which counts everyone even when the list is cut short. */
    private static int counted(Incoming.Who who) {
        String head = who.raw().substring(Incoming.NOTICE.length());
        try {
            return Integer.parseInt(head.substring(0, head.indexOf(' ')));
        } catch (NumberFormatException e) {
            return who.users().size(); // more digits than an int: no real federation
        }
    }

    /** The known nicks starting with {@code prefix}, compared case-insensitively as servers do, sorted. */
    public List<String> matching(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return nicks.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }
}
