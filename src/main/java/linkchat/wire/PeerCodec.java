package linkchat.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link PeerMessage}s to frame payloads and back: a verb, then fields separated by TAB;
 * the last field of a message may hold anything but a TAB-free guarantee is not needed there.
 * Lists are space-separated. Stateless; refuses anything malformed, or anything a client would
 * not be let say, with a {@link FrameException}.
 */
public final class PeerCodec {
    /** The verb that opens a dialling server's first frame. */
    public static final String HELLO = "LINKCHAT-HELLO";

    /**
     * Most users one origin state may list: four times the default --max-clients, so a large
     * server still fits, while a peer cannot make this server hold millions of names for one
     * origin (a 10 MiB frame could list two and a half million).
     */
    public static final int MAX_STATE_USERS = 65_536;

    /**
     * Most servers one origin may be linked to, in a LINKS event or a state: a full mesh of
     * sixteen lists fifteen. Bounds what each origin's entry in the roster may hold, and the
     * work of finding which servers are reachable, which looks at every listed link.
     */
    public static final int MAX_LINKS = 256;

    /** Longest piece of a refused field a refusal repeats: the reason stays short enough to log and read. */
    static final int MAX_QUOTED_CHARS = 32;

    private static final char SEP = '\t';

    /** Room an event's builder starts with: its head and a short chat line fit without growing it. */
    private static final int EVENT_CHARS = 192;

    private PeerCodec() {}

    /** True if a connection's first payload asks to be a server link rather than a client. */
    public static boolean isHello(String payload) {
        return payload.startsWith(HELLO + SEP);
    }

    /** Encodes a message as a whole frame, header and all, ready for a link's queue. */
    public static byte[] frame(PeerMessage message) {
        return Frames.encode(encode(message));
    }

    /** Encodes a message as a payload. */
    public static String encode(PeerMessage message) {
        return switch (message) {
            case PeerMessage.Hello h -> join(HELLO, h.version(), h.name(), h.boot(), h.nonce());
            case PeerMessage.Challenge c -> join("CHALLENGE", c.name(), c.boot(), c.nonce(), c.mac());
            case PeerMessage.Proof p -> join("PROOF", p.mac());
            case PeerMessage.Ready r -> "READY";
            case PeerMessage.Refused r -> join("REFUSED", r.reason());
            case PeerMessage.Carry c -> encodeEvent(c.stamped());
            case PeerMessage.Origin o -> "ORIGIN" + SEP + encodeState(o.state());
            case PeerMessage.Synced s -> "SYNCED";
            case PeerMessage.Jump j -> join("JUMP", j.lost()) + SEP + encodeState(j.state());
            case PeerMessage.Want w -> join("WANT", w.origin());
            case PeerMessage.Ping p -> join("PING", p.token());
            case PeerMessage.Pong p -> join("PONG", p.token());
        };
    }

    /**
     * An event's payload, built in one builder: a link's frame and the log's record are made of
     * it for every event a server keeps, so it is on the fan-out's path.
     */
    private static String encodeEvent(Stamped s) {
        StringBuilder sb = new StringBuilder(EVENT_CHARS).append("EVENT").append(SEP).append(s.origin())
                .append(SEP).append(s.boot()).append(SEP).append(s.seq()).append(SEP).append(s.time()).append(SEP);
        switch (s.event()) {
            case Event.Said e -> fields(kind(sb, "SAY", e), e.nick(), e.text());
            case Event.Acted e -> fields(kind(sb, "ACT", e), e.nick(), e.action());
            case Event.Whispered e -> fields(kind(sb, "MSG", e), e.from(), e.to(), e.server(), e.text());
            case Event.Joined e -> fields(sb.append("JOIN"), e.nick());
            case Event.Left e -> fields(sb.append("LEAVE"), e.nick(), e.reason());
            case Event.Renamed e -> fields(sb.append("NICK"), e.from(), e.to());
            case Event.Links e -> fields(sb.append("LINKS"), String.join(" ", e.peers()));
        }
        return sb.toString();
    }

    /** Appends an event's kind, then a space and its line id if it has one: without one, the kind alone, as before ids were. */
    private static StringBuilder kind(StringBuilder sb, String kind, Event e) {
        sb.append(kind);
        return e.lineId().isEmpty() ? sb : sb.append(' ').append(e.lineId());
    }

    /** Appends each field after a separator. */
    private static void fields(StringBuilder sb, String... fields) {
        for (String f : fields) {
            sb.append(SEP).append(f);
        }
    }

    private static String encodeState(PeerMessage.OriginState st) {
        List<String> users = new ArrayList<>(st.users().size());
        for (PeerMessage.User u : st.users()) {
            users.add(u.nick() + ":" + u.since());
        }
        return join(st.origin(), st.boot(), st.seq(), st.complete() ? 1 : 0, String.join(" ", users),
                String.join(" ", st.links()));
    }

    private static String join(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (Object f : fields) {
            if (!sb.isEmpty()) {
                sb.append(SEP);
            }
            sb.append(f);
        }
        return sb.toString();
    }

    /**
     * Decodes a payload; throws if it is not a well-formed peer message. A peer is held to the
     * rules a client is: every nick must follow {@link Nicks#RULE}, every origin and link name
     * {@link ServerName#RULE}, every line id {@link LineId#RULE}, and free text is cleaned by
     * {@link Sanitizer} and at most {@link Event#MAX_TEXT_BYTES}. The names in a hello or challenge are left to the handshake,
     * which tells the peer why it refuses one.
     */
    public static PeerMessage decode(String payload) throws FrameException {
        Fields f = new Fields(payload);
        String verb = f.text();
        PeerMessage m = switch (verb) {
            case HELLO -> new PeerMessage.Hello(version(f.number()), f.text(), f.number(), f.text());
            case "CHALLENGE" -> new PeerMessage.Challenge(f.text(), f.number(), f.text(), f.rest());
            case "PROOF" -> new PeerMessage.Proof(f.rest());
            case "READY" -> new PeerMessage.Ready();
            case "REFUSED" -> new PeerMessage.Refused(text(f.rest()));
            case "EVENT" -> new PeerMessage.Carry(decodeEvent(f));
            case "ORIGIN" -> new PeerMessage.Origin(decodeState(f));
            case "SYNCED" -> new PeerMessage.Synced();
            case "JUMP" -> new PeerMessage.Jump(count(f.number()), decodeState(f));
            case "WANT" -> new PeerMessage.Want(name(f.rest()));
            case "PING" -> new PeerMessage.Ping(f.number());
            case "PONG" -> new PeerMessage.Pong(f.number());
            default -> throw new FrameException("unknown peer message '" + quote(verb) + "'");
        };
        f.end();
        return m;
    }

    private static Stamped decodeEvent(Fields f) throws FrameException {
        String origin = name(f.text());
        long boot = f.number();
        long seq = f.number();
        long time = f.number();
        String kind = f.text();
        int space = kind.indexOf(' ');
        String id = space < 0 ? "" : lineId(kind.substring(space + 1));
        kind = space < 0 ? kind : kind.substring(0, space);
        // Free text is cleaned again as it arrives: a peer is trusted with the conversation, not
        // with driving this server's clients' terminals.
        Event event = switch (kind) {
            case "SAY" -> new Event.Said(nick(f.text()), text(f.rest()), id);
            case "ACT" -> new Event.Acted(nick(f.text()), text(f.rest()), id);
            case "MSG" -> new Event.Whispered(nick(f.text()), nick(f.text()), name(f.text()), text(f.rest()), id);
            case "JOIN" -> new Event.Joined(nick(f.text()));
            case "LEAVE" -> new Event.Left(nick(f.text()), text(f.rest()));
            case "NICK" -> new Event.Renamed(nick(f.text()), nick(f.text()));
            case "LINKS" -> new Event.Links(names(f.rest()));
            default -> throw new FrameException("unknown event kind '" + quote(kind) + "'");
        };
        if (!event.lineId().equals(id)) {
            throw new FrameException("a " + kind + " event carries no line id; only SAY, ACT and MSG do");
        }
        if (seq < 1) {
            throw new FrameException("event sequence numbers start at 1");
        }
        return new Stamped(origin, boot, seq, time, event);
    }

    private static PeerMessage.OriginState decodeState(Fields f) throws FrameException {
        String origin = name(f.text());
        long boot = f.number();
        long seq = count(f.number());
        long complete = f.number();
        if (complete != 0 && complete != 1) {
            throw new FrameException("an origin state is complete (1) or not (0)");
        }
        List<PeerMessage.User> users = new ArrayList<>();
        for (String entry : words(f.text(), MAX_STATE_USERS, "users")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new FrameException("bad user entry in origin state");
            }
            users.add(new PeerMessage.User(nick(entry.substring(0, colon)), Fields.parse(entry.substring(colon + 1))));
        }
        return new PeerMessage.OriginState(origin, boot, seq, users, names(f.rest()), complete == 1);
    }

    /** The servers an origin is linked to: server names, at most {@link #MAX_LINKS}. */
    private static List<String> names(String field) throws FrameException {
        List<String> names = words(field, MAX_LINKS, "linked servers");
        for (String n : names) {
            name(n);
        }
        return names;
    }

    /** Splits a space-separated list, refusing one of more than {@code max} entries before it makes them all. */
    private static List<String> words(String s, int max, String what) throws FrameException {
        if (s.isEmpty()) {
            return List.of();
        }
        String[] words = s.split(" ", max + 1);
        if (words.length > max) {
            throw new FrameException("peer listed more than " + max + " " + what);
        }
        return List.of(words);
    }

    private static String name(String name) throws FrameException {
        if (!ServerName.valid(name)) {
            throw new FrameException("'" + quote(name) + "' is not a server name (" + ServerName.RULE + ")");
        }
        return name;
    }

    private static String nick(String nick) throws FrameException {
        if (!Nicks.valid(nick)) {
            throw new FrameException("'" + quote(nick) + "' is not a nick (" + Nicks.RULE + ")");
        }
        return nick;
    }

    /** Free text, cleaned as a client's is, and refused if longer than a client may send. */
    private static String text(String text) throws FrameException {
        String clean = Sanitizer.clean(text);
        if (!Event.fits(clean)) {
            throw new FrameException("text longer than " + Event.MAX_TEXT_BYTES + " bytes");
        }
        return clean;
    }

    /** A client's line id, held to the rule a client's is. */
    private static String lineId(String id) throws FrameException {
        if (!LineId.valid(id)) {
            throw new FrameException("'" + quote(id) + "' is not a line id (" + LineId.RULE + ")");
        }
        return id;
    }

    private static long count(long n) throws FrameException {
        if (n < 0) {
            throw new FrameException("a count or sequence number is negative");
        }
        return n;
    }

    private static int version(long v) throws FrameException {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new FrameException("peer protocol version out of range");
        }
        return (int) v;
    }

    /** A refused field as a refusal repeats it: cut short first (it may be megabytes), then cleaned. */
    static String quote(String field) {
        boolean longer = field.codePointCount(0, Math.min(field.length(), 2 * MAX_QUOTED_CHARS + 1)) > MAX_QUOTED_CHARS;
        String shown = longer ? field.substring(0, field.offsetByCodePoints(0, MAX_QUOTED_CHARS)) : field;
        return Sanitizer.clean(shown) + (longer ? "..." : "");
    }

    /** A cursor over TAB-separated fields. */
    private static final class Fields {
        private final String s;
        private int pos;

        Fields(String s) {
            this.s = s;
        }

        String text() throws FrameException {
            if (pos > s.length()) {
                throw new FrameException("peer message has too few fields");
            }
            int tab = s.indexOf(SEP, pos);
            int end = tab < 0 ? s.length() : tab;
            String field = s.substring(pos, end);
            pos = end + 1;
            return field;
        }

        String rest() throws FrameException {
            if (pos > s.length()) {
                throw new FrameException("peer message has too few fields");
            }
            String field = s.substring(pos);
            pos = s.length() + 1;
            return field;
        }

        long number() throws FrameException {
            return parse(text());
        }

        void end() throws FrameException {
            if (pos <= s.length()) {
                throw new FrameException("peer message has extra fields");
            }
        }

        static long parse(String field) throws FrameException {
            try {
                return Long.parseLong(field);
            } catch (NumberFormatException e) {
                throw new FrameException("peer message field is not a number");
            }
        }
    }
}
