package linkchat.server;

import linkchat.wire.Frames;

/**
 * A local member of the conversation: a nick and the outbox its lines go to. The nick is
 * written only under the {@link Hub}'s lock and may be read from any thread.
 */
final class Member {
    final Outbox outbox;
    volatile String nick;
    /** Where the member sits in {@link Members}, -1 once it left; the hub's lock guards it. */
    int slot = -1;

    Member(Outbox outbox, String nick) {
        this.outbox = outbox;
        this.nick = nick;
    }

    /** The member's current nick. */
    String nick() {
        return nick;
    }

    /** Sends a notice ({@code "* " + text}) to this member alone. */
    void tell(String text) {
        outbox.offerOwn(Frames.encode("* " + text));
    }
}
