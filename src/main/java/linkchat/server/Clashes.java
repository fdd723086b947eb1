package linkchat.server;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settles nick clashes (one nick taken on both sides of a split) once the servers meet again:
 * each local winner is told once, each local loser renamed. Not thread-safe: the {@link Hub}
 * calls it under its lock.
 */
final class Clashes {
    /** The clashes already told to their winner, so a winner hears of each once. */
    private final Set<String> told = new HashSet<>();

    /** Settles every clash the roster shows; {@code rename} gives a loser a fresh nick. */
    void settle(Roster roster, Members members, Consumer<Member> rename) {
        for (Roster.Clash clash : roster.clashes()) {
            String nick = clash.mine().nick();
            Member member = members.named(nick).orElse(null);
            if (member == null) {
                continue;
            }
            if (!clash.mineWins()) {
                member.tell("a user on " + clash.otherServer() + " held " + nick + " first; you are renamed");
                rename.accept(member);
            } else if (told.add(NickRules.key(nick) + "@" + clash.otherServer() + "@" + clash.theirSince())) {
                member.tell("a user on " + clash.otherServer() + " also took " + nick + " while the servers were apart; you keep it");
            }
        }
    }
}
