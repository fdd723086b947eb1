package linkchat.server.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import linkchat.server.Hub;
import linkchat.server.Implausible;
import linkchat.server.PeerCheck;
import linkchat.server.ServerConfig;
import linkchat.wire.FrameException;
import linkchat.wire.PeerMessage;

/**
 * The link handshake, both sides. With a shared secret each side proves it by an HMAC over
 * both nonces and both names, under a label of its own role (so one side's proof can never be
 * replayed as the other's); the secret itself never crosses the wire. Without a secret, links
 * are taken from loopback addresses only. Stateless apart from the random source.
 */
final class Handshake {
    /** Bytes of randomness in each nonce: enough that no two handshakes ever share one. */
    private static final int NONCE_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();

    /** Made on first use: seeding a SecureRandom costs a server that never links a noticeable part of its start-up. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** A handshake that ended in a refusal; the message says why, fit for both logs. */
    static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /** Who is at the other end, once the handshake succeeded. */
    record Peer(String name, long boot) {}

    private final Hub hub;
    private final Optional<PeerConfig.Secret> secret;

    Handshake(Hub hub, Optional<PeerConfig.Secret> secret) {
        this.hub = hub;
        this.secret = secret;
    }

    /** The dialling side: says hello, checks the acceptor's proof, gives its own. */
    Peer dial(PeerChannel channel) throws IOException {
        String nonce = nonce();
        channel.send(new PeerMessage.Hello(PeerMessage.VERSION, hub.serverName(), hub.boot(), nonce));
        PeerMessage.Challenge c = channel.expect(PeerMessage.Challenge.class);
        check(channel, c.name(), c.boot());
        if (secret.isPresent()) {
            String expected = mac("accept", nonce, c.nonce(), c.name(), hub.serverName());
            if (c.mac().isEmpty() || !same(expected, c.mac())) {
                throw refuse(channel, c.mac().isEmpty() ? "peer " + c.name() + " has no shared secret" : "peer " + c.name() + " does not know the shared secret");
            }
        } else if (!c.mac().isEmpty()) {
            throw refuse(channel, "peer " + c.name() + " wants a shared secret and this server has none");
        }
        channel.send(new PeerMessage.Proof(secret.isPresent() ? mac("dial", c.nonce(), nonce, hub.serverName(), c.name()) : ""));
        channel.expect(PeerMessage.Ready.class);
        return new Peer(c.name(), c.boot());
    }

    /** The accepting side, given the dialler's hello: checks who may link, proves itself, checks the proof. */
    Peer accept(PeerChannel channel, Socket socket, PeerMessage.Hello hello) throws IOException {
        if (hello.version() != PeerMessage.VERSION) {
            throw refuse(channel, "peer protocol version " + hello.version() + " is not spoken here (" + PeerMessage.VERSION + " is)");
        }
        check(channel, hello.name(), hello.boot());
        InetAddress from = socket.getInetAddress();
        if (secret.isEmpty() && !from.isLoopbackAddress()) {
            throw refuse(channel, "links from " + from.getHostAddress() + " need a shared secret (--secret-file)");
        }
        String nonce = nonce();
        String proof = secret.isPresent() ? mac("accept", hello.nonce(), nonce, hub.serverName(), hello.name()) : "";
        channel.send(new PeerMessage.Challenge(hub.serverName(), hub.boot(), nonce, proof));
        PeerMessage.Proof p = channel.expect(PeerMessage.Proof.class);
        if (secret.isPresent() && !same(mac("dial", nonce, hello.nonce(), hello.name(), hub.serverName()), p.mac())) {
            throw refuse(channel, "peer " + hello.name() + " does not know the shared secret");
        }
        channel.send(new PeerMessage.Ready());
        return new Peer(hello.name(), hello.boot());
    }

    /**
     * Refuses, telling the peer why, a name that is not a server name or is this server's own,
     * or a boot (a start time) in this server's future beyond the skew {@link PeerCheck} allows.
     */
    private void check(PeerChannel channel, String name, long boot) throws Refusal {
        if (!ServerConfig.validName(name)) {
            throw refuse(channel, "peer gave an invalid server name");
        }
        if (name.equals(hub.serverName())) {
            throw refuse(channel, boot == hub.boot() ? "a server cannot link to itself" : "peer has this server's name " + name);
        }
        try {
            PeerCheck.boot(name, boot, System.currentTimeMillis());
        } catch (Implausible e) {
            throw refuse(channel, e.getMessage() + " (clocks more than "
                    + PeerCheck.MAX_BOOT_SKEW_MS / 60_000 + " minutes apart?)");
        }
    }

    private static Refusal refuse(PeerChannel channel, String reason) {
        channel.trySend(new PeerMessage.Refused(reason));
        return new Refusal(reason);
    }

    private String mac(String role, String firstNonce, String secondNonce, String from, String to) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.orElseThrow().key(), "HmacSHA256"));
            String text = "linkchat-" + role + "\n" + firstNonce + "\n" + secondNonce + "\n" + from + "\n" + to;
            return HEX.formatHex(hmac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String nonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        Random.INSTANCE.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** Decoding failures during the handshake are refusals too. */
    static Refusal malformed(FrameException e) {
        return new Refusal("malformed handshake: " + e.getMessage());
    }
}
