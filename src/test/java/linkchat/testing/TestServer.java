package linkchat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import linkchat.server.ChatServer;
import linkchat.server.ServerConfig;
import linkchat.server.peer.Federation;
import linkchat.server.peer.PeerConfig;
import linkchat.wire.HostPort;

/** A real chat server on loopback, on a free port, closed by try-with-resources. */
public final class TestServer implements AutoCloseable {
    /** A command no server knows: its error answer is a round trip that reaches only its sender. */
    private static final String SYNC = "/joined";

    private final ChatServer server;

    private TestServer(ChatServer server) {
        this.server = server;
    }

    /** Starts a server called {@code name} on 127.0.0.1 port 0. */
    public static TestServer start(String name) {
        return start(ServerConfig.loopback(name));
    }

    /** Starts a server called {@code name} on loopback, linked as {@code peers} says. */
    public static TestServer start(String name, PeerConfig peers) {
        return start(ServerConfig.loopback(name), peers);
    }

    /** Starts a server with {@code config}, linked as {@code peers} says. */
    public static TestServer start(ServerConfig config, PeerConfig peers) {
        try {
            return new TestServer(ChatServer.start(config, hub -> new Federation(hub, peers)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server with {@code config}. */
    public static TestServer start(ServerConfig config) {
        try {
            return new TestServer(ChatServer.start(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running server. */
    public ChatServer server() {
        return server;
    }

    /** Its address, for another server's {@code --peer}. */
    public HostPort address() {
        return new HostPort("127.0.0.1", port());
    }

    /** The port it listens on. */
    public int port() {
        return server.address().getPort();
    }

    /** Connects a raw client and reads its welcome, so it is a member when this returns. */
    public RawClient connect() {
        RawClient client = RawClient.connect(port());
        client.nextStartingWith("* welcome");
        return client;
    }

    /**
     * Connects a raw client that joins as {@code nick} (its first frame is {@code /nick NICK}), and
     * reads what its join brings it (the backlog, its own arrival when a crowd is not too large
     * for arrivals to be announced), so it is a member under that nick with nothing of its join
     * left to read when this returns: an unknown command's answer, which nobody else hears and
     * no rate but the line rate counts, marks the end.
     */
    public RawClient connect(String nick) {
        RawClient client = RawClient.connect(port());
        client.send("/nick " + nick);
        String welcome = client.nextStartingWith("* welcome");
        if (!welcome.contains(", you are " + nick + ";")) {
            throw new AssertionError("did not join as " + nick + ": " + welcome);
        }
        client.send(SYNC);
        client.nextStartingWith("* error: unknown command " + SYNC);
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
