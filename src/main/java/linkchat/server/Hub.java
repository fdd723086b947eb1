package linkchat.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import linkchat.wire.Frames;

/**
 * The members of one server's conversation and the fan-out between them.
 *
 * <p>Thread-safe: every session thread calls it. One lock orders all events, so every member
 * sees the same sequence; under it the Hub only encodes and enqueues (each event is encoded
 * once and the same bytes go to every outbox), never touching a socket, so a slow reader
 * cannot stall anyone.
 */
public final class Hub {
    private final String serverName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> byKey = new HashMap<>();
    private Member[] members = new Member[0];
    private long guests;
    private boolean closed;

    /** A member of the conversation: a nick and the outbox its lines go to. */
    static final class Member {
        private final Outbox outbox;
        private volatile String nick;

        private Member(Outbox outbox, String nick) {
            this.outbox = outbox;
            this.nick = nick;
        }

        /** The member's current nick. */
        String nick() {
            return nick;
        }

        /** Sends a notice ({@code "* " + text}) to this member alone. */
        void tell(String text) {
            outbox.offer(Frames.encode("* " + text));
        }
    }

    /** Creates the hub of the server called {@code serverName}. */
    public Hub(String serverName) {
        this.serverName = serverName;
    }

    /** The name of the server this hub belongs to. */
    public String serverName() {
        return serverName;
    }

    /** Adds a member under a fresh guest nick, welcomes it and announces it to everyone. */
    Member join(Outbox outbox) {
        lock.lock();
        try {
            String nick;
            do {
                nick = "guest-" + (++guests);
            } while (byKey.containsKey(NickRules.key(nick)));
            Member member = new Member(outbox, nick);
            byKey.put(NickRules.key(nick), member);
            members = Arrays.copyOf(members, members.length + 1);
            members[members.length - 1] = member;
            member.tell("welcome to " + serverName + ", you are " + nick + "; /help lists the commands");
            publish(new Event.Joined(nick));
            return member;
        } finally {
            lock.unlock();
        }
    }

    /** Fans out a member's event (a chat line, an action) to every member, the sender included. */
    void broadcast(Event event) {
        lock.lock();
        try {
            publish(event);
        } finally {
            lock.unlock();
        }
    }

    /** Renames {@code member}, or returns why not. The renamer is told in the second person, the others in the third. */
    Optional<String> rename(Member member, String nick) {
        Optional<String> problem = NickRules.problem(nick);
        if (problem.isPresent()) {
            return problem;
        }
        lock.lock();
        try {
            Member holder = byKey.get(NickRules.key(nick));
            if (holder != null && holder != member) {
                return Optional.of("the nick " + nick + " is taken");
            }
            String old = member.nick;
            if (old.equals(nick)) {
                return Optional.empty();
            }
            byKey.remove(NickRules.key(old));
            byKey.put(NickRules.key(nick), member);
            member.nick = nick;
            member.tell("you are now known as " + nick);
            publishExcept(new Event.Renamed(old, nick), member);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code member} and announces it, unless the hub is closed (a shutdown says it once, not per member). */
    void leave(Member member, String reason) {
        lock.lock();
        try {
            if (byKey.remove(NickRules.key(member.nick), member)) {
                members = Arrays.stream(members).filter(m -> m != member).toArray(Member[]::new);
                if (!closed) {
                    publish(new Event.Left(member.nick, reason));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The nicks online, sorted case-insensitively. */
    List<String> who() {
        lock.lock();
        try {
            List<String> nicks = new ArrayList<>(members.length);
            for (Member m : members) {
                nicks.add(m.nick);
            }
            nicks.sort(Comparator.comparing(NickRules::key));
            return nicks;
        } finally {
            lock.unlock();
        }
    }

    /** How many members are online. */
    public int size() {
        lock.lock();
        try {
            return members.length;
        } finally {
            lock.unlock();
        }
    }

    /** Stops announcing departures: the server is shutting down and says so to each client itself. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void publish(Event event) {
        publishExcept(event, null);
    }

    /** Encodes once, enqueues to every member but {@code skip}. Caller holds the lock. */
    private void publishExcept(Event event, Member skip) {
        byte[] frame = Frames.encode(event.line());
        for (Member m : members) {
            if (m != skip) {
                m.outbox.offer(frame);
            }
        }
    }
}
