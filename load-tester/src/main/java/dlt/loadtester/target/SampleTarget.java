package dlt.loadtester.target;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small HTTP/1.1 server to point load tests at: the demo, the local platform and the tests use
 * it. It listens on 127.0.0.1 only, runs each exchange on its own virtual thread, keeps
 * connections alive (every fixed-size response carries a Content-Length) and never answers with a
 * stack trace.
 *
 * <pre>
 * GET  /              this list
 * GET|POST /fast      200 {"ok":true}
 * GET  /slow[?ms=N]   200 after a log-normal delay (median 50 ms, p99 ~300 ms, at most 1 s), or N ms (at most 10 s)
 * GET  /flaky         ~5% 500, ~2% 503, else 200 (seeded per instance)
 * POST /echo          the request body, with its Content-Type
 * POST /login         {"token":"..."}
 * GET  /me            200 with "Authorization: Bearer TOKEN" from /login, else 401
 * GET  /status/{code} that status (200..599)
 * GET  /bytes/{n}     n bytes (at most 10 MB)
 * GET  /chunked?n=N   a chunked body of N bytes (default 1024, at most 10 MB)
 * GET  /close         a small body, then the server closes the connection
 * </pre>
 */
public final class SampleTarget implements AutoCloseable {
  /** The seed of the {@code /flaky} status sequence unless one is given. */
  public static final long DEFAULT_SEED = 20_261_123L;

  static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
  static final long MAX_SLOW_MS = 10_000;
  static final int DEFAULT_CHUNKED_BYTES = 1024;

  private static final String IDLE_CONNECTIONS_PROPERTY = "sun.net.httpserver.maxIdleConnections";
  private static final int IDLE_CONNECTIONS = 100_000;
  private static final int BACKLOG = 4096;
  private static final byte[] FILL = filler(64 * 1024);
  private static final String INDEX =
      """
      dlt sample target
      GET  /              this list
      GET|POST /fast      200 {"ok":true}
      GET  /slow[?ms=N]   200 after a log-normal delay (median 50 ms, p99 ~300 ms, at most 1 s), or N ms (at most 10 s)
      GET  /flaky         ~5% 500, ~2% 503, else 200
      POST /echo          the request body, with its Content-Type
      POST /login         {"token":"..."}
      GET  /me            200 with "Authorization: Bearer TOKEN" from /login, else 401
      GET  /status/{code} that status (200..599)
      GET  /bytes/{n}     n bytes (at most 10 MB)
      GET  /chunked?n=N   a chunked body of N bytes (default 1024, at most 10 MB)
      GET  /close         a small body, then the server closes the connection
      """;

  private final HttpServer server;
  private final ExecutorService executor;
  private final FlakyStatuses flaky;
  private final Tokens tokens = new Tokens();

  private SampleTarget(HttpServer server, ExecutorService executor, long seed) {
    this.server = server;
    this.executor = executor;
    this.flaky = new FlakyStatuses(seed);
  }

  /** Starts a target on 127.0.0.1; {@code port} 0 picks a free port. */
  public static SampleTarget start(int port) {
    return start(port, DEFAULT_SEED);
  }

  /** Starts a target whose {@code /flaky} statuses follow {@code seed}. */
  public static SampleTarget start(int port, long seed) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    keepIdleConnectionsOpen();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(loopback(), port), BACKLOG);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    SampleTarget target = new SampleTarget(server, executor, seed);
    server.createContext("/", target::handle);
    server.setExecutor(executor);
    server.start();
    return target;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Stops listening, drops open connections and interrupts exchanges still running. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * The JDK server closes a connection that goes idle while 200 others are idle, which would turn a
   * test with many think-time users into a connect storm. Raised unless the user set it; it takes
   * effect only if no JDK HTTP server was created before in this JVM.
   */
  private static void keepIdleConnectionsOpen() {
    if (System.getProperty(IDLE_CONNECTIONS_PROPERTY) == null) {
      System.setProperty(IDLE_CONNECTIONS_PROPERTY, Integer.toString(IDLE_CONNECTIONS));
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (BadRequest e) {
        Reply.text(exchange, 400, e.getMessage());
      } catch (RuntimeException bug) {
        if (exchange.getResponseCode() == -1) {
          Reply.text(exchange, 500, "internal error");
        }
      }
    } catch (IOException clientGone) {
      // nothing to answer: the connection is gone
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private void route(HttpExchange exchange) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    switch (path) {
      case "/" -> {
        if (allowed(exchange, method, "GET")) {
          Reply.text(exchange, 200, INDEX);
        }
      }
      case "/fast" -> {
        if (allowed(exchange, method, "GET", "POST")) {
          Reply.json(exchange, 200, "{\"ok\":true}");
        }
      }
      case "/slow" -> {
        if (allowed(exchange, method, "GET")) {
          slow(exchange);
        }
      }
      case "/flaky" -> {
        if (allowed(exchange, method, "GET")) {
          int status = flaky.next();
          Reply.json(exchange, status, "{\"status\":" + status + "}");
        }
      }
      case "/echo" -> {
        if (allowed(exchange, method, "POST")) {
          echo(exchange);
        }
      }
      case "/login" -> {
        if (allowed(exchange, method, "POST")) {
          Reply.json(exchange, 200, "{\"token\":\"" + tokens.issue() + "\"}");
        }
      }
      case "/me" -> {
        if (allowed(exchange, method, "GET")) {
          me(exchange);
        }
      }
      case "/chunked" -> {
        if (allowed(exchange, method, "GET")) {
          long n = Queries.number(exchange.getRequestURI(), "n", DEFAULT_CHUNKED_BYTES);
          Reply.chunked(exchange, Math.min(n, MAX_BODY_BYTES), FILL);
        }
      }
      case "/close" -> {
        if (allowed(exchange, method, "GET")) {
          exchange.getResponseHeaders().set("Connection", "close");
          Reply.text(exchange, 200, "closing the connection\n");
        }
      }
      default -> {
        if (path.startsWith("/status/")) {
          if (allowed(exchange, method, "GET")) {
            status(exchange, path.substring("/status/".length()));
          }
        } else if (path.startsWith("/bytes/")) {
          if (allowed(exchange, method, "GET")) {
            long n = Queries.parse(path.substring("/bytes/".length()), "byte count");
            Reply.fixed(exchange, 200, "application/octet-stream", Math.min(n, MAX_BODY_BYTES), FILL);
          }
        } else {
          Reply.text(exchange, 404, "not found: " + Queries.printable(path));
        }
      }
    }
  }

  private static boolean allowed(HttpExchange exchange, String method, String... methods)
      throws IOException {
    if (Arrays.asList(methods).contains(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
    Reply.text(exchange, 405, "method not allowed: " + Queries.printable(method));
    return false;
  }

  private static void slow(HttpExchange exchange) throws IOException, InterruptedException {
    long fixed = Queries.number(exchange.getRequestURI(), "ms", -1);
    long delayMs = fixed >= 0 ? Math.min(fixed, MAX_SLOW_MS) : LatencyModel.sampleMillis(ThreadLocalRandom.current());
    Thread.sleep(delayMs);
    Reply.json(exchange, 200, "{\"ok\":true,\"delayMs\":" + delayMs + "}");
  }

  private static void echo(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = readAtMost(in, MAX_BODY_BYTES);
    }
    if (body == null) {
      exchange.getResponseHeaders().set("Connection", "close");
      Reply.text(exchange, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    Reply.body(exchange, 200, type == null ? "application/octet-stream" : type, body);
  }

  private void me(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String prefix = "Bearer ";
    if (authorization != null
        && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
        && tokens.isValid(authorization.substring(prefix.length()).strip())) {
      Reply.json(exchange, 200, "{\"user\":\"demo\"}");
    } else {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      Reply.json(exchange, 401, "{\"error\":\"a bearer token from POST /login is required\"}");
    }
  }

  private static void status(HttpExchange exchange, String raw) throws IOException {
    long code = Queries.parse(raw, "status code");
    if (code < 200 || code > 599) {
      throw new BadRequest("status code must be 200..599, was " + code);
    }
    Reply.json(exchange, (int) code, "{\"status\":" + code + "}");
  }

  /** The whole stream, or null when it holds more than {@code limit} bytes. */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int read; (read = in.read(buffer)) != -1; ) {
      total += read;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static byte[] filler(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  /** Writes responses; every fixed body carries its Content-Length so the connection stays open. */
  static final class Reply {
    private Reply() {}

    static void text(HttpExchange exchange, int status, String text) throws IOException {
      String line = text.endsWith("\n") ? text : text + "\n";
      body(exchange, status, "text/plain; charset=utf-8", line.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpExchange exchange, int status, String json) throws IOException {
      body(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static void body(HttpExchange exchange, int status, String contentType, byte[] body)
        throws IOException {
      if (noBodyAllowed(exchange, status)) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    static void fixed(HttpExchange exchange, int status, String contentType, long length, byte[] fill)
        throws IOException {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        write(out, length, fill);
      }
    }

    static void chunked(HttpExchange exchange, long length, byte[] fill) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        write(out, length, fill);
      }
    }

    private static void write(OutputStream out, long length, byte[] fill) throws IOException {
      long left = length;
      while (left > 0) {
        int n = (int) Math.min(left, fill.length);
        out.write(fill, 0, n);
        left -= n;
      }
    }

    private static boolean noBodyAllowed(HttpExchange exchange, int status) {
      return status == 204 || status == 205 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
    }
  }
}
