package linkchat.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link PeerMessage}s to frame payloads and back: a verb, then fields separated by TAB;
 * the last field of a message may hold anything but a TAB-free guarantee is not needed there.
 * Lists are space-separated. Stateless; refuses anything malformed with a {@link FrameException}.
 */
public final class PeerCodec {
    /** The verb that opens a dialling server's first frame. */
    public static final String HELLO = "LINKCHAT-HELLO";

    private static final char SEP = '\t';

    private PeerCodec() {}

    /** True if a connection's first payload asks to be a server link rather than a client. */
    public static boolean isHello(String payload) {
        return payload.startsWith(HELLO + SEP);
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

    private static String encodeEvent(Stamped s) {
        String head = join("EVENT", s.origin(), s.boot(), s.seq(), s.time());
        String body = switch (s.event()) {
            case Event.Said e -> join("SAY", e.nick(), e.text());
            case Event.Acted e -> join("ACT", e.nick(), e.action());
            case Event.Joined e -> join("JOIN", e.nick());
            case Event.Left e -> join("LEAVE", e.nick(), e.reason());
            case Event.Renamed e -> join("NICK", e.from(), e.to());
            case Event.Links e -> join("LINKS", String.join(" ", e.peers()));
        };
        return head + SEP + body;
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

    /** Decodes a payload; throws if it is not a well-formed peer message. */
    public static PeerMessage decode(String payload) throws FrameException {
        Fields f = new Fields(payload);
        String verb = f.text();
        PeerMessage m = switch (verb) {
            case HELLO -> new PeerMessage.Hello((int) f.number(), f.text(), f.number(), f.text());
            case "CHALLENGE" -> new PeerMessage.Challenge(f.text(), f.number(), f.text(), f.rest());
            case "PROOF" -> new PeerMessage.Proof(f.rest());
            case "READY" -> new PeerMessage.Ready();
            case "REFUSED" -> new PeerMessage.Refused(f.rest());
            case "EVENT" -> new PeerMessage.Carry(decodeEvent(f));
            case "ORIGIN" -> new PeerMessage.Origin(decodeState(f));
            case "SYNCED" -> new PeerMessage.Synced();
            case "JUMP" -> new PeerMessage.Jump(f.number(), decodeState(f));
            case "WANT" -> new PeerMessage.Want(f.rest());
            case "PING" -> new PeerMessage.Ping(f.number());
            case "PONG" -> new PeerMessage.Pong(f.number());
            default -> throw new FrameException("unknown peer message '" + Sanitizer.clean(verb) + "'");
        };
        f.end();
        return m;
    }

    private static Stamped decodeEvent(Fields f) throws FrameException {
        String origin = f.text();
        long boot = f.number();
        long seq = f.number();
        long time = f.number();
        String kind = f.text();
        // Free text is cleaned again as it arrives: a peer is trusted with the conversation, not
        // with driving this server's clients' terminals.
        Event event = switch (kind) {
            case "SAY" -> new Event.Said(f.text(), Sanitizer.clean(f.rest()));
            case "ACT" -> new Event.Acted(f.text(), Sanitizer.clean(f.rest()));
            case "JOIN" -> new Event.Joined(f.text());
            case "LEAVE" -> new Event.Left(f.text(), Sanitizer.clean(f.rest()));
            case "NICK" -> new Event.Renamed(f.text(), f.text());
            case "LINKS" -> new Event.Links(words(f.rest()));
            default -> throw new FrameException("unknown event kind '" + Sanitizer.clean(kind) + "'");
        };
        if (seq < 1) {
            throw new FrameException("event sequence numbers start at 1");
        }
        return new Stamped(origin, boot, seq, time, event);
    }

    private static PeerMessage.OriginState decodeState(Fields f) throws FrameException {
        String origin = f.text();
        long boot = f.number();
        long seq = f.number();
        boolean complete = f.number() == 1;
        List<PeerMessage.User> users = new ArrayList<>();
        for (String entry : words(f.text())) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new FrameException("bad user entry in origin state");
            }
            users.add(new PeerMessage.User(entry.substring(0, colon), Fields.parse(entry.substring(colon + 1))));
        }
        return new PeerMessage.OriginState(origin, boot, seq, users, words(f.rest()), complete);
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
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
