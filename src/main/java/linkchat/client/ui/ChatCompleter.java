package linkchat.client.ui;

import java.util.List;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import linkchat.client.CommandTable;
import linkchat.client.Roster;

/**
 * Tab completion: a command as the first word ({@code /ni} to {@code /nick }), a nick as the
 * first and only word with a colon after it, to address them ({@code ce} to {@code cez: }),
 * otherwise the nick of someone online, anywhere in the line; after {@code /msg } with nothing
 * typed yet, the last user who wrote to us privately, as {@code /reply} would answer. Runs on the reading thread; the roster it reads
 * is safe to read from there while the network thread updates it.
 */
final class ChatCompleter implements Completer {
    private static final List<String> COMMANDS = CommandTable.commandWords();
    /** After a nick that starts a line: the line is addressed to them, as in IRC. */
    private static final String ADDRESS = ":";

    private final Roster roster;
    private final Supplier<String> lastPrivate;

    /** Completes from {@code roster}; {@code lastPrivate} gives who last wrote to us privately (null: nobody yet). */
    ChatCompleter(Roster roster, Supplier<String> lastPrivate) {
        this.roster = roster;
        this.lastPrivate = lastPrivate;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0 && word.startsWith("/")) {
            COMMANDS.forEach(c -> candidates.add(new Candidate(c, c, null, null, null, null, true)));
            return;
        }
        String last = lastPrivate.get();
        if (word.isEmpty() && last != null && line.wordIndex() == 1 && line.words().getFirst().equalsIgnoreCase("/msg")) {
            candidates.add(new Candidate(last, last, null, null, null, null, true));
            return;
        }
        String after = line.wordIndex() == 0 && line.words().size() == 1 ? ADDRESS : "";
        roster.matching(word).forEach(n -> candidates.add(new Candidate(n + after, n, null, null, null, null, true)));
    }
}
