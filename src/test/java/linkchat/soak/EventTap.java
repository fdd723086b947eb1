package linkchat.soak;

import java.nio.charset.StandardCharsets;

import linkchat.testing.LinkProxy;
import linkchat.wire.FrameException;
import linkchat.wire.Frames;

/**
 * Splits the bytes one direction of a link passed into frames, and reports the id of each
 * EVENT frame (origin, boot, seq: docs/PROTOCOL.md 3.3) to a {@link Sink}. Only a payload's
 * first bytes are kept; the rest is skipped by counting. Owned by the relay's thread for that
 * direction.
 */
final class EventTap implements LinkProxy.Tap {
    /**
     * Payload bytes kept per frame: "EVENT", a name of at most 64 characters and three numbers
     * of at most 20 digits, each after a TAB, fit with room to spare.
     */
    static final int PREFIX = 160;

    /** Largest frame a link may carry: the tap must not mistake a legal frame for a broken one. */
    private static final int MAX_PAYLOAD = Frames.MAX_PAYLOAD_CEILING;

    private static final byte[] EVENT = "EVENT\t".getBytes(StandardCharsets.US_ASCII);

    /** Where event ids go. */
    @FunctionalInterface
    interface Sink {
        void event(String origin, long boot, long seq);
    }

    private final Sink sink;
    private final byte[] header = new byte[Frames.HEADER_SIZE];
    private final byte[] prefix = new byte[PREFIX];
    private int headerFill;
    private int payloadLength = -1;
    private int payloadRead;
    private boolean broken;

    EventTap(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void passed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && !broken) {
            i = payloadLength < 0 ? takeHeader(bytes, i, end) : takePayload(bytes, i, end);
        }
    }

    private int takeHeader(byte[] bytes, int i, int end) {
        int n = Math.min(end - i, Frames.HEADER_SIZE - headerFill);
        System.arraycopy(bytes, i, header, headerFill, n);
        headerFill += n;
        if (headerFill == Frames.HEADER_SIZE) {
            try {
                payloadLength = Frames.parseHeader(header, MAX_PAYLOAD);
            } catch (FrameException e) {
                // The servers close such a link themselves; nothing after it can be framed.
                broken = true;
            }
            headerFill = 0;
            payloadRead = 0;
            endOfFrameIfEmpty();
        }
        return i + n;
    }

    private int takePayload(byte[] bytes, int i, int end) {
        int n = Math.min(end - i, payloadLength - payloadRead);
        if (payloadRead < PREFIX) {
            System.arraycopy(bytes, i, prefix, payloadRead, Math.min(n, PREFIX - payloadRead));
        }
        payloadRead += n;
        endOfFrameIfEmpty();
        return i + n;
    }

    private void endOfFrameIfEmpty() {
        if (payloadLength >= 0 && payloadRead == payloadLength) {
            report(Math.min(payloadLength, PREFIX));
            payloadLength = -1;
        }
    }

    /** Reports the frame if it is an EVENT; its first four fields are known to fit in {@code kept}. */
    private void report(int kept) {
        if (kept < EVENT.length || !startsWithEvent()) {
            return;
        }
        String[] fields = new String(prefix, 0, kept, StandardCharsets.UTF_8).split("\t", 5);
        if (fields.length == 5) {
            sink.event(fields[1], Long.parseLong(fields[2]), Long.parseLong(fields[3]));
        }
    }

    private boolean startsWithEvent() {
        for (int k = 0; k < EVENT.length; k++) {
            if (prefix[k] != EVENT[k]) {
                return false;
            }
        }
        return true;
    }
}
