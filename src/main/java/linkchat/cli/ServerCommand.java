package linkchat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.server.peer.Federation;
import linkchat.server.peer.PeerConfig;
import linkchat.tls.Tls;
import linkchat.wire.Frames;
import linkchat.wire.HostPort;

/** {@code linkchat server}: wires a {@link ChatServer} and its {@link Federation} from options and runs them until a signal. */
final class ServerCommand {
    static final List<Options.Option> OPTIONS = List.of(
            Options.Option.of("bind", "ADDR", "address to listen on (default 0.0.0.0)"),
            Options.Option.of("port", "N", "port to listen on, 0 for any free one (default 2000)"),
            Options.Option.of("name", "NAME", "this server's name (default: the host name)"),
            Options.Option.of("max-payload", "BYTES", "largest payload accepted from a client (default 65536)"),
            Options.Option.of("frame-timeout", "SECONDS", "close a client whose frame stays unfinished this long (default 30)"),
            Options.Option.of("max-clients", "N", "connections at once (default 16384)"),
            Options.Option.of("max-per-address", "N", "connections at once from one address, 0 for no limit (default 0)"),
            Options.Option.of("client-rate", "N", "lines a second each client may send, 0 for no limit (default 20)"),
            Options.Option.of("client-burst", "N", "lines a client may send at once (default 50)"),
            Options.Option.of("connect-rate", "N", "connections a second one address may open, 0 for no limit (default 10, bursts of 100)"),
            Options.Option.of("backlog", "N", "chat lines shown to a client as it joins (default 20)"),
            Options.Option.repeated("peer", "HOST:PORT", "link to another server (repeatable)"),
            Options.Option.of("tls-keystore", "FILE", "serve TLS with the key in this PKCS12 keystore"),
            Options.Option.of("tls-password-file", "FILE", "the keystore's password (else $LINKCHAT_TLS_PASSWORD)"),
            Options.Option.flag("peer-tls", "dial peers over TLS"),
            Options.Option.of("trust", "FILE", "certificates (PEM) trusted when dialling peers over TLS"),
            Options.Option.of("secret-file", "FILE", "the federation's shared secret; without it only loopback links"),
            Options.Option.of("peer-timeout", "SECONDS", "declare a silent peer gone after this long (default 12)"),
            Options.Option.of("replay-events", "N", "keep at least N events to replay after a split (default 10000)"),
            Options.Option.of("replay-seconds", "S", "...or at least S seconds of them (default 300)"),
            Options.Option.of("data-dir", "DIR", "keep the event log here, to come back with history after a restart (default: none)"),
            Options.Option.of("sync-every", "MS", "sync the event log to disk this often, 0 for every write (default 1000)"));

    private ServerCommand() {}

    static int run(Options options) throws UsageException, IOException, InterruptedException {
        ServerConfig config = serverConfig(options);
        SSLContext tls = tls(options);
        PeerConfig peers = peerConfig(options, tls);
        ChatServer server = ChatServer.start(config, options.has("tls-keystore") ? tls : null, hub -> new Federation(hub, peers));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // SIGINT and SIGTERM are the ordinary way to stop a server: once it has closed in
            // order, that is a success, not the signal's status of 130 or 143.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(server.stoppedByLogFailure() ? 1 : 0);
        }, "shutdown"));
        System.out.println("linkchat server " + config.name() + " listening on "
                + server.address().getHostString() + ":" + server.address().getPort()
                + (options.has("tls-keystore") ? " over TLS" : "") + " (" + ((Federation) server.gate()).policy() + ")");
        System.out.flush();
        server.awaitClose();
        return server.stoppedByLogFailure() ? 1 : 0;
    }

    private static ServerConfig serverConfig(Options options) throws UsageException {
        ServerConfig d = ServerConfig.defaults();
        try {
            return d.withBind(options.text("bind", d.bind()))
                    .withPort(options.integer("port", d.port(), 0, 65_535))
                    .withName(options.text("name", d.name()))
                    .withMaxPayload(options.integer("max-payload", d.maxPayload(), 1, Frames.MAX_PAYLOAD_CEILING))
                    .withReplay(options.integer("replay-events", d.replayEvents(), 0, 1_000_000),
                            options.integer("replay-seconds", d.replaySeconds(), 0, 86_400))
                    .withFrameTimeout(options.integer("frame-timeout", d.frameTimeoutMillis() / 1_000, 1, 86_400) * 1_000)
                    .withClientRate(options.integer("client-rate", d.clientRate(), 0, 1_000_000),
                            options.integer("client-burst", d.clientBurst(), 1, 1_000_000))
                    .withBacklog(options.integer("backlog", d.backlog(), 0, ServerConfig.MAX_BACKLOG))
                    .withConnectRate(options.integer("connect-rate", d.connectRate(), 0, 1_000_000))
                    .withClientLimits(options.integer("max-clients", d.maxClients(), 1, 1_000_000),
                            options.integer("max-per-address", d.maxPerAddress(), 0, 1_000_000))
                    .withDataDir(options.has("data-dir") ? Path.of(options.text("data-dir", "")) : null,
                            Duration.ofMillis(options.integer("sync-every", (int) d.syncEvery().toMillis(), 0, 3_600_000)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The TLS context the options ask for (serving, dialling peers, or both), or null. */
    private static SSLContext tls(Options options) throws UsageException, IOException {
        Path trust = options.has("trust") ? Path.of(options.text("trust", "")) : null;
        if (options.has("tls-keystore")) {
            Path password = options.has("tls-password-file") ? Path.of(options.text("tls-password-file", "")) : null;
            return Tls.server(Path.of(options.text("tls-keystore", "")), Tls.password(password), trust);
        }
        if (options.has("tls-password-file")) {
            throw new UsageException("option --tls-password-file needs --tls-keystore");
        }
        return options.has("peer-tls") ? Tls.client(trust) : null;
    }

    private static PeerConfig peerConfig(Options options, SSLContext tls) throws UsageException, IOException {
        List<HostPort> addresses = new ArrayList<>();
        try {
            for (String peer : options.all("peer")) {
                addresses.add(HostPort.parse(peer, "--peer"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int timeout = options.integer("peer-timeout", (int) PeerConfig.DEFAULT_SILENCE.toSeconds(), 1, 3_600);
        PeerConfig config = PeerConfig.none().withPeers(addresses).withSilence(Duration.ofSeconds(timeout));
        if (options.has("peer-tls")) {
            config = config.withTls(tls);
        }
        if (options.has("secret-file")) {
            config = config.withSecret(PeerConfig.Secret.read(Path.of(options.text("secret-file", ""))));
        }
        return config;
    }
}
