package linkchat.server;

import java.util.ArrayList;
import java.util.Optional;

import linkchat.wire.Event;
import linkchat.wire.Stamped;

/**
 * This server's own members, in no order: one leaving has the last take its slot, so a join or a
 * leave copies nothing, and a fan-out walks an array. Not thread-safe: the {@link Hub} calls it
 * under its lock.
 */
final class Members {
    private final ArrayList<Member> list = new ArrayList<>();

    /**
     * Adds a member under {@code nick} and welcomes it to server {@code server}, saying so if the
     * nick is not the one it {@code wanted} (see {@link WantedNick}).
     */
    Member admit(Outbox outbox, String server, String wanted, String nick) {
        Member member = new Member(outbox, nick);
        member.slot = list.size();
        list.add(member);
        member.tell("welcome to " + server + ", you are " + nick + "; /help lists the commands");
        WantedNick.fellBack(wanted, nick).ifPresent(member::tell);
        return member;
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

    /**
     * Queues a delivered event's {@code frame} for the members who may see it: every member but
     * {@code skip}, except for a private line, which goes to its sender on the server it was sent
     * from ({@code self} is this server's name) and to its recipient on the recipient's server,
     * and to nobody else, once each even when the two are one. Finding them walks the members,
     * as a chat line's fan-out does.
     */
    void deliver(Stamped s, byte[] frame, Member skip, String self) {
        if (!(s.event() instanceof Event.Whispered w)) {
            offer(frame, skip);
            return;
        }
        Optional<Member> sender = s.origin().equals(self) ? named(w.from()) : Optional.empty();
        Optional<Member> recipient = w.server().equals(self) ? named(w.to()) : Optional.empty();
        sender.ifPresent(m -> m.outbox.offer(frame));
        recipient.filter(m -> sender.orElse(null) != m).ifPresent(m -> m.outbox.offer(frame));
    }

    /** The member going by {@code nick} exactly, if any. */
    Optional<Member> named(String nick) {
        return list.stream().filter(m -> m.nick.equals(nick)).findFirst();
    }
}
