package linkchat.client;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nicks the client believes are online, for completion and the status line: replaced by
 * each {@code /who} reply, kept current by join, leave and rename notices and by chat lines.
 *
 * <p>Threads: the connection's reader thread calls {@link #learn}; any thread may read.
 */
public final class Roster {
    private static final Pattern JOINED = Pattern.compile("\\* (\\S+) joined");
    private static final Pattern LEFT = Pattern.compile("\\* (\\S+) left(?: \\(.*\\))?");
    private static final Pattern RENAMED = Pattern.compile("\\* (\\S+) is now known as (\\S+)");

    private final ConcurrentSkipListSet<String> nicks = new ConcurrentSkipListSet<>();

    /** Updates the roster from one line; history lines say nothing about who is here now. */
    public void learn(Incoming line) {
        switch (line) {
            case Incoming.Who who -> {
                nicks.clear();
                who.users().forEach(u -> nicks.add(u.nick()));
            }
            case Incoming.Chat chat -> nicks.add(chat.nick());
            case Incoming.Action action -> nicks.add(action.nick());
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

    /** The known nicks starting with {@code prefix}, compared case-insensitively as servers do, sorted. */
    public List<String> matching(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return nicks.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }
}
