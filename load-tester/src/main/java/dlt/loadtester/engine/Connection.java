package dlt.loadtester.engine;

import dlt.loadtester.http.ResponseParser;
import dlt.loadtester.http.TlsSession;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import dlt.loadtester.plan.Endpoint;

/** One keep-alive connection of a virtual user: the channel, its TLS session if any, and a response parser. */
final class Connection {
    enum State { CONNECTING, HANDSHAKING, OPEN, CLOSED }

    final VirtualUser user;
    final int endpointIndex;
    final SocketChannel channel;
    final SelectionKey key;
    final ResponseParser parser;
    private final TlsSession tls;
    State state;
    int requestsServed;

    private Connection(VirtualUser user, int endpointIndex, SocketChannel channel, SelectionKey key, TlsSession tls,
                       boolean mayCaptureBody) {
        this.user = user;
        this.endpointIndex = endpointIndex;
        this.channel = channel;
        this.key = key;
        this.tls = tls;
        this.parser = new ResponseParser(mayCaptureBody);
        this.state = State.CONNECTING;
    }

    static Connection open(VirtualUser user, int endpointIndex, Endpoint endpoint, Selector selector,
                           SSLContext sslContext, boolean verifyHostname, boolean mayCaptureBody) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            TlsSession tls = null;
            if (endpoint.tls()) {
                SSLEngine engine = sslContext.createSSLEngine(endpoint.host(), endpoint.port());
                engine.setUseClientMode(true);
                if (verifyHostname) {
                    SSLParameters params = engine.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    engine.setSSLParameters(params);
                }
                tls = new TlsSession(engine);
            }
            boolean connected = channel.connect(endpoint.address());
            SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
            Connection c = new Connection(user, endpointIndex, channel, key, tls, mayCaptureBody);
            key.attach(c);
            if (connected) {
                if (tls != null) tls.begin();
                c.state = tls != null ? State.HANDSHAKING : State.OPEN;
            }
            return c;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    boolean isTls() {
        return tls != null;
    }

    /** Completes a pending connect; afterwards the connection is OPEN, or HANDSHAKING for TLS. */
    void finishConnect() throws IOException {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
        if (tls != null) {
            tls.begin();
            state = State.HANDSHAKING;
        } else {
            state = State.OPEN;
        }
    }

    /** Drives the TLS handshake; true once it has finished. */
    boolean handshake() throws IOException {
        TlsSession.Progress p = tls.handshake(channel);
        switch (p) {
            case DONE -> {
                key.interestOps(SelectionKey.OP_READ);
                state = State.OPEN;
                return true;
            }
            case NEED_WRITE -> key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
        }
        return false;
    }

    /** Writes as much of the request as the socket takes; true when all of it went out. */
    boolean write(ByteBuffer request) throws IOException {
        boolean done;
        if (tls != null) {
            done = tls.write(channel, request);
        } else {
            channel.write(request);
            done = !request.hasRemaining();
        }
        if (!done) key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return done;
    }

    void writeDone() {
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Reads into {@code target}: bytes read, 0 for nothing yet, -1 at the end of the stream. */
    int read(byte[] target, ByteBuffer targetView) throws IOException {
        if (tls != null) return tls.read(channel, target);
        targetView.clear();
        return channel.read(targetView);
    }

    void close() {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        key.cancel();
        if (tls != null) tls.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to release: the descriptor is gone either way.
        }
    }
}
