package linkchat.wire;

/** A server address as users write it: {@code HOST:PORT}, with an IPv6 host in brackets ({@code [::1]:2000}). */
public record HostPort(String host, int port) {
    /** Parses {@code text}; errors name {@code option}, the command-line option it came from. */
    public static HostPort parse(String text, String option) {
        String s = text.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException(option + " wants HOST:PORT, got '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a numeric port, got '" + s + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + " port must be 1..65535, got '" + s + "'");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
