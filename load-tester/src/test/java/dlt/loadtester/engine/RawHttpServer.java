package dlt.loadtester.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 that counts what it sees: accepted connections and requests.
 * Every response is {@code 200 ok} with a Content-Length, kept alive; {@code beforeReply} runs (and may
 * block, to play a stalled server) before each response is written.
 */
final class RawHttpServer implements AutoCloseable {
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII);

    /** Called with the {@code System.nanoTime()} at which a request was read; may block. */
    interface BeforeReply {
        void run(long receivedNanos) throws InterruptedException;
    }

    private final ServerSocket server;
    private final BeforeReply beforeReply;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    RawHttpServer(BeforeReply beforeReply) throws IOException {
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.beforeReply = beforeReply;
        this.acceptor = Thread.ofPlatform().daemon().name("raw-http-accept").start(this::accept);
    }

    RawHttpServer() throws IOException {
        this(received -> {
        });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                long contentLength = readHead(in);
                if (contentLength < 0) return;
                long received = System.nanoTime();
                in.skipNBytes(contentLength);
                requests.incrementAndGet();
                beforeReply.run(received);
                out.write(RESPONSE);
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the client or the test closed the connection
        }
    }

    /** Reads one request head; returns its Content-Length (0 when absent), or -1 at the end of the stream. */
    private static long readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return -1;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed by the client
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
