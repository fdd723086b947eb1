package linkchat.client;

/**
 * Whom {@code /reply} answers: the last user who wrote to us privately. The reader thread notes
 * private lines; the input thread turns a {@code /reply} into the {@code /msg} it stands for.
 */
final class Replies {
    private volatile String last;

    /** Notes {@code line} if it is a private line another user wrote to us, {@code nick}. */
    void heard(Incoming line, String nick) {
        if (line instanceof Incoming.Private p && p.to().equals(nick) && !p.from().equals(nick)) {
            last = p.from();
        }
    }

    /** The last user who wrote to us privately; null before anyone did. */
    String last() {
        return last;
    }

    /**
     * {@code line} as it goes out: a {@code /reply TEXT} becomes the {@code /msg} it stands for,
     * anything else stays as it is; null, having said why on {@code display}, if there is nobody to
     * answer or nothing to say.
     */
    String expand(String line, Display display) {
        String text = CommandTable.replyText(line);
        if (text == null) {
            return line;
        }
        String to = last;
        if (to == null) {
            display.show(new Incoming.Local("* nobody wrote to you privately yet; /msg NICK TEXT writes to anyone"));
            return null;
        }
        if (text.isBlank()) {
            display.show(new Incoming.Local("* usage: " + CommandTable.REPLY + " TEXT (answers " + to + ")"));
            return null;
        }
        return "/msg " + to + " " + text;
    }
}
