package linkchat.server;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import linkchat.wire.Event;
import linkchat.wire.Frames;

/**
 * The answer to {@code /who}, encoded once for as long as the roster it lists stays the same and
 * shared by every client that asks: a crowd asking over a roster of thousands holds one frame of
 * up to 64 KB between them, not one each, and none of it counts as a client's own unread reply.
 * Safe for any thread: the last answer is swapped whole.
 */
final class WhoReplies {
    private record Answer(List<Roster.WhoRow> rows, byte[] frame) {}

    private volatile Answer last;

    /** The frame answering {@code /who} over {@code rows} (as the hub copied them): the last one made, if it listed the same. */
    byte[] frameFor(List<Roster.WhoRow> rows) {
        Answer answer = last;
        if (answer == null || !answer.rows().equals(rows)) {
            answer = new Answer(Collections.unmodifiableList(rows), Frames.encode("* " + reply(Roster.sorted(rows))));
            last = answer;
        }
        return answer.frame();
    }

    /**
     * The answer to {@code /who}: the count of everyone, and as many of them by name, in order, as
     * fit in {@link Event#MAX_TEXT_BYTES} (a crowd of long nicks would otherwise make a frame too long for
     * the client that asked).
     */
    static String reply(List<String> users) {
        StringBuilder reply = new StringBuilder(Roster.users(users.size())).append(" online: ");
        int bytes = reply.length();
        for (int i = 0; i < users.size(); i++) {
            String entry = (i == 0 ? "" : ", ") + users.get(i);
            bytes += entry.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Event.MAX_TEXT_BYTES) {
                break;
            }
            reply.append(entry);
        }
        return reply.toString();
    }
}
