package dlt.loadtester.plan;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/** Where requests go: scheme, host and port, resolved once so the hot path never looks up a name. */
public record Endpoint(boolean tls, String host, int port, InetSocketAddress address) {

    public static Endpoint of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with http:// or https://: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + uri);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        return new Endpoint(tls, uri.getHost(), port, new InetSocketAddress(uri.getHost(), port));
    }

    public boolean resolved() {
        return !address.isUnresolved();
    }

    /** The Host header value: the port is left out when it is the scheme's default. */
    public String hostHeader() {
        boolean defaultPort = (tls && port == 443) || (!tls && port == 80);
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }

    public boolean sameAs(Endpoint other) {
        return tls == other.tls && port == other.port && host.equalsIgnoreCase(other.host);
    }
}
