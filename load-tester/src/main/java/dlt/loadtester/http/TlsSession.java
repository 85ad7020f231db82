package dlt.loadtester.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel with an {@link SSLEngine}: the handshake and record (un)wrapping run
 * on the connection's event loop, so HTTPS needs no extra threads.
 */
public final class TlsSession {
    /** What the handshake needs next from the event loop. */
    public enum Progress { DONE, NEED_READ, NEED_WRITE }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;

    public TlsSession(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.netOut.flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.appIn.flip();
    }

    public void begin() throws SSLException {
        engine.beginHandshake();
    }

    /** Advances the handshake as far as the socket allows. */
    public Progress handshake(SocketChannel channel) throws IOException {
        while (true) {
            if (!flush(channel)) return Progress.NEED_WRITE;
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    netOut.flip();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("TLS closed during handshake");
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOnce(channel)) return Progress.NEED_READ;
                }
                case NEED_TASK -> runDelegatedTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return Progress.DONE;
                }
            }
        }
    }

    /** Encrypts and sends {@code source}; false when the socket is full and the rest must wait for OP_WRITE. */
    public boolean write(SocketChannel channel, ByteBuffer source) throws IOException {
        if (!flush(channel)) return false;
        while (source.hasRemaining()) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(source, netOut);
            netOut.flip();
            if (r.getStatus() != SSLEngineResult.Status.OK) throw new SSLException("TLS wrap: " + r.getStatus());
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                // Only a renegotiation requested by the server gets here; load targets do not need one.
                throw new SSLException("TLS renegotiation is not supported");
            }
            if (!flush(channel)) return false;
        }
        return true;
    }

    /** Sends encrypted bytes left over from an earlier write; true when nothing is pending. */
    public boolean flush(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) return false;
        }
        return true;
    }

    /**
     * Reads decrypted bytes into {@code target}; returns how many (0 when more network data is needed)
     * or -1 at the end of the stream.
     */
    public int read(SocketChannel channel, byte[] target) throws IOException {
        while (!appIn.hasRemaining()) {
            appIn.clear();
            boolean progressed;
            try {
                progressed = unwrapOnce(channel);
            } finally {
                appIn.flip();
            }
            if (engine.isInboundDone() && !appIn.hasRemaining()) return -1;
            if (!progressed && !appIn.hasRemaining()) return eof ? -1 : 0;
        }
        int n = Math.min(target.length, appIn.remaining());
        appIn.get(target, 0, n);
        return n;
    }

    private boolean eof;

    /** One unwrap, reading from the socket when the buffered record is incomplete. */
    private boolean unwrapOnce(SocketChannel channel) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK -> {
                    runDelegatedTasks();
                    if (r.bytesProduced() > 0 || r.bytesConsumed() > 0) return true;
                }
                case CLOSED -> {
                    eof = true;
                    return false;
                }
                case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than the application buffer");
                case BUFFER_UNDERFLOW -> {
                }
            }
            int n = channel.read(netIn);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n == 0) return false;
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) task.run();
    }

    public void close() {
        engine.closeOutbound();
    }
}
