package linkchat.server;

import java.util.ArrayList;
import java.util.Optional;

/**
 * This server's own members, in no order: one leaving has the last take its slot, so a join or a
 * leave copies nothing, and a fan-out walks an array. Not thread-safe: the {@link Hub} calls it
 * under its lock.
 */
final class Members {
    private final ArrayList<Member> list = new ArrayList<>();

    void add(Member member) {
        member.slot = list.size();
        list.add(member);
    }

    /** Takes {@code member} out; false if it was not in. */
    boolean remove(Member member) {
        int slot = member.slot;
        if (slot < 0) {
            return false;
        }
        Member last = list.removeLast();
        if (last != member) {
            list.set(slot, last);
            last.slot = slot;
        }
        member.slot = -1;
        return true;
    }

    int size() {
        return list.size();
    }

    /** Queues {@code frame} for every member but {@code skip} (null: for all). */
    void offer(byte[] frame, Member skip) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Member m = list.get(i);
            if (m != skip) {
                m.outbox.offer(frame);
            }
        }
    }

    /** The member going by {@code nick} exactly, if any. */
    Optional<Member> named(String nick) {
        return list.stream().filter(m -> m.nick.equals(nick)).findFirst();
    }
}
