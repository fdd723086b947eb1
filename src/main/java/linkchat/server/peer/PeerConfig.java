package linkchat.server.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import linkchat.wire.HostPort;

/**
 * How a server links to others: whom it dials, the federation's shared secret (if any), and
 * how long a silent peer is given before its link is declared dead.
 */
public record PeerConfig(List<HostPort> peers, Optional<Secret> secret, Duration silence, Optional<SSLContext> tls) {
    /** A silent peer is declared gone after this long, even if its socket never closes. */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(12);

    /** Shortest secret accepted: anything shorter is too easy to guess from a captured handshake. */
    public static final int MIN_SECRET_BYTES = 16;

    /** The federation's shared secret; its bytes never leave this object except into an HMAC. */
    public static final class Secret {
        private final byte[] key;

        private Secret(byte[] key) {
            this.key = key.clone();
        }

        /** Reads a secret file: its bytes, without a trailing line break, at least {@link #MIN_SECRET_BYTES}. */
        public static Secret read(Path file) throws IOException {
            String text = Files.readString(file).strip();
            byte[] key = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IOException("secret file " + file + " holds " + key.length
                        + " bytes; use at least " + MIN_SECRET_BYTES);
            }
            return new Secret(key);
        }

        /** Wraps raw key bytes (for tests and tools). */
        public static Secret of(byte[] key) {
            return new Secret(key);
        }

        byte[] key() {
            return key;
        }

        @Override
        public String toString() {
            return "Secret[hidden]";
        }
    }

    /** Copies the list and checks the timeout. */
    public PeerConfig {
        peers = List.copyOf(peers);
        if (silence.toMillis() < 300) {
            throw new IllegalArgumentException("peer silence timeout must be at least 300 ms");
        }
    }

    /** No peers to dial, no secret, the default timeout. */
    public static PeerConfig none() {
        return new PeerConfig(List.of(), Optional.empty(), DEFAULT_SILENCE, Optional.empty());
    }

    /** A copy dialling {@code peers}. */
    public PeerConfig withPeers(List<HostPort> peers) {
        return new PeerConfig(peers, secret, silence, tls);
    }

    /** A copy using {@code secret}. */
    public PeerConfig withSecret(Secret secret) {
        return new PeerConfig(peers, Optional.of(secret), silence, tls);
    }

    /** A copy that dials its peers over TLS with {@code context}. */
    public PeerConfig withTls(SSLContext context) {
        return new PeerConfig(peers, secret, silence, Optional.of(context));
    }

    /** A copy declaring a peer dead after {@code silence}. */
    public PeerConfig withSilence(Duration silence) {
        return new PeerConfig(peers, secret, silence, tls);
    }
}
