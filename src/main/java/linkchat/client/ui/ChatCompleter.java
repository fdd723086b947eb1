package linkchat.client.ui;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import linkchat.client.CommandTable;
import linkchat.client.Roster;

/**
 * Tab completion: a command as the first word ({@code /ni} to {@code /nick }), a nick as the
 * first and only word with a colon after it, to address them ({@code ce} to {@code cez: }),
 * otherwise the nick of someone online, anywhere in the line. Runs on the reading thread; the roster it reads
 * is safe to read from there while the network thread updates it.
 */
final class ChatCompleter implements Completer {
    private static final List<String> COMMANDS = CommandTable.commandWords();
    /** After a nick that starts a line: the line is addressed to them, as in IRC. */
    private static final String ADDRESS = ":";

    private final Roster roster;

    ChatCompleter(Roster roster) {
        this.roster = roster;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0 && word.startsWith("/")) {
            COMMANDS.forEach(c -> candidates.add(new Candidate(c, c, null, null, null, null, true)));
            return;
        }
        String after = line.wordIndex() == 0 && line.words().size() == 1 ? ADDRESS : "";
        roster.matching(word).forEach(n -> candidates.add(new Candidate(n + after, n, null, null, null, null, true)));
    }
}
