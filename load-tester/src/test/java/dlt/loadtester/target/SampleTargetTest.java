package dlt.loadtester.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleTargetTest {
  private static SampleTarget target;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    target = SampleTarget.start(0);
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    target.close();
  }

  @Test
  void start_freePort_listensOnLoopback() {
    assertThat(target.port()).isPositive();
    assertThat(target.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + target.port()));
  }

  @Test
  void start_otherInterface_refusesConnections() throws IOException {
    Optional<InetAddress> external = nonLoopbackIpv4();
    if (external.isEmpty()) {
      return;
    }
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), target.port()), 2_000))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void index_get_listsEndpoints() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body()).contains("/fast", "/slow", "/flaky", "/echo", "/login", "/me", "/status/",
        "/bytes/", "/chunked", "/close");
  }

  @Test
  void fast_getAndPost_answerOk() throws Exception {
    HttpResponse<String> got = get("/fast");
    HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/fast"))
        .POST(HttpRequest.BodyPublishers.ofString("ignored")).build());

    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("{\"ok\":true}");
    assertThat(got.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(got.headers().firstValue("content-length")).hasValue("11");
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void fast_delete_isMethodNotAllowed() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/fast")).DELETE().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).hasValue("GET, POST");
  }

  @Test
  void slow_fixedDelay_waitsThatLong() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = get("/slow?ms=120");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"ok\":true,\"delayMs\":120}");
    assertThat(tookMs).isGreaterThanOrEqualTo(120);
  }

  @Test
  void slow_noDelayGiven_waitsARandomTimeUnderOneSecond() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = get("/slow");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    long delayMs = Long.parseLong(response.body().replaceAll("\\D", ""));
    assertThat(delayMs).isBetween(0L, 1_000L);
    assertThat(tookMs).isGreaterThanOrEqualTo(delayMs);
  }

  @Test
  void slow_badDelay_isBadRequestWithOneLineReason() throws Exception {
    for (String bad : List.of("abc", "-5", "1.5", "")) {
      HttpResponse<String> response = get("/slow?ms=" + bad);

      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.body().strip()).as(bad).contains("ms must be").doesNotContain("\n", "Exception", "\tat ");
    }
  }

  @Test
  void latencyModel_manySamples_medianNearFiftyAndP99NearThreeHundred() {
    SplittableRandom random = new SplittableRandom(7);
    long[] samples = IntStream.range(0, 100_000).mapToLong(i -> LatencyModel.sampleMillis(random)).sorted().toArray();

    assertThat(samples[samples.length / 2]).isBetween(45L, 55L);
    assertThat(samples[samples.length * 99 / 100]).isBetween(250L, 350L);
    assertThat(samples[samples.length - 1]).isLessThanOrEqualTo(1_000L);
    assertThat(samples[0]).isGreaterThanOrEqualTo(0L);
  }

  @Test
  void flaky_manyRequests_failAboutSevenPercent() throws Exception {
    try (SampleTarget own = SampleTarget.start(0, 42)) {
      Map<Integer, Integer> counts = new HashMap<>();
      for (int i = 0; i < 2_000; i++) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(own.baseUri().resolve("/flaky")).build());
        counts.merge(response.statusCode(), 1, Integer::sum);
      }

      assertThat(counts.keySet()).containsOnly(200, 500, 503);
      assertThat(counts.get(500)).isBetween(60, 140);
      assertThat(counts.get(503)).isBetween(20, 65);
    }
  }

  @Test
  void flaky_sameSeed_sameStatuses() {
    FlakyStatuses first = new FlakyStatuses(9);
    FlakyStatuses second = new FlakyStatuses(9);

    int[] a = IntStream.range(0, 500).map(i -> first.next()).toArray();
    int[] b = IntStream.range(0, 500).map(i -> second.next()).toArray();

    assertThat(a).isEqualTo(b);
  }

  @Test
  void echo_post_returnsBodyAndContentType() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo"))
        .header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString("<a>é</a>")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<a>é</a>");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/xml");
  }

  @Test
  void echo_largeBodyWithoutType_returnsItAsOctetStream() throws Exception {
    byte[] body = new byte[300_000];
    new SplittableRandom(1).nextBytes(body);

    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/echo"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
  }

  @Test
  void echo_get_isMethodNotAllowed() throws Exception {
    assertThat(get("/echo").statusCode()).isEqualTo(405);
  }

  @Test
  void me_tokenFromLogin_isOk() throws Exception {
    HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"demo\",\"password\":\"demo\"}")).build());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).matches("\\{\"token\":\"[A-Za-z0-9_.-]+\"}");
    String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

    HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/me")).header("Authorization", "Bearer " + token).build());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).isEqualTo("{\"user\":\"demo\"}");
  }

  @Test
  void login_twice_issuesDifferentTokens() throws Exception {
    HttpRequest login = HttpRequest.newBuilder(uri("/login")).POST(HttpRequest.BodyPublishers.noBody()).build();

    assertThat(send(login).body()).isNotEqualTo(send(login).body());
  }

  @Test
  void me_withoutOrWithForeignToken_isUnauthorized() throws Exception {
    String foreign;
    try (SampleTarget other = SampleTarget.start(0)) {
      HttpResponse<String> login = send(HttpRequest.newBuilder(other.baseUri().resolve("/login"))
          .POST(HttpRequest.BodyPublishers.noBody()).build());
      foreign = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    for (Optional<String> authorization : List.of(Optional.<String>empty(), Optional.of("Bearer " + foreign),
        Optional.of("Bearer nonsense"), Optional.of("Bearer a.b.c"), Optional.of("Basic ZGVtbzpkZW1v"))) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/me"));
      authorization.ifPresent(value -> request.header("Authorization", value));

      HttpResponse<String> response = send(request.build());

      assertThat(response.statusCode()).as(authorization.toString()).isEqualTo(401);
      assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
    }
  }

  @Test
  void status_code_answersThatCode() throws Exception {
    for (int code : new int[] {200, 201, 302, 404, 429, 500, 503, 599}) {
      HttpResponse<String> response = get("/status/" + code);

      assertThat(response.statusCode()).isEqualTo(code);
      assertThat(response.body()).isEqualTo("{\"status\":" + code + "}");
    }
    assertThat(get("/status/204").statusCode()).isEqualTo(204);
    assertThat(get("/status/204").body()).isEmpty();
  }

  @Test
  void status_outOfRangeOrNotANumber_isBadRequest() throws Exception {
    for (String bad : List.of("100", "199", "600", "99", "abc", "2x", "", "99999999999999999999")) {
      HttpResponse<String> response = get("/status/" + bad);

      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.body().strip()).as(bad).startsWith("status code must be").doesNotContain("\n");
    }
  }

  @Test
  void bytes_n_returnsExactlyNBytes() throws Exception {
    for (int n : new int[] {0, 1, 11, 65_536, 200_000}) {
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/bytes/" + n)).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).hasSize(n);
      assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(n));
    }
  }

  @Test
  void bytes_overTenMegabytes_isCapped() throws Exception {
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/bytes/999999999")).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat((long) response.body().length).isEqualTo(SampleTarget.MAX_BODY_BYTES);
  }

  @Test
  void bytes_badNumber_isBadRequest() throws Exception {
    HttpResponse<String> response = get("/bytes/-1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("byte count must be a non-negative whole number, was '-1'\n");
  }

  @Test
  void chunked_n_sendsChunkedBodyOfNBytes() throws Exception {
    String response = rawExchange("GET /chunked?n=100000 HTTP/1.1\r\nHost: t\r\n\r\n", true);

    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertThat(head).startsWith("http/1.1 200").contains("transfer-encoding: chunked").doesNotContain("content-length");
    HttpResponse<byte[]> viaClient = client.send(HttpRequest.newBuilder(uri("/chunked?n=100000")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(viaClient.body()).hasSize(100_000);
    assertThat(client.send(HttpRequest.newBuilder(uri("/chunked")).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body()).hasSize(SampleTarget.DEFAULT_CHUNKED_BYTES);
  }

  @Test
  void chunked_badNumber_isBadRequest() throws Exception {
    assertThat(get("/chunked?n=lots").statusCode()).isEqualTo(400);
  }

  @Test
  void close_get_answersThenClosesConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("GET /close HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(all).startsWith("HTTP/1.1 200");
      assertThat(all.toLowerCase(Locale.ROOT)).contains("connection: close").contains("content-length:");
      assertThat(all).endsWith("closing the connection\n");
    }
  }

  @Test
  void keepAlive_severalRequestsOnOneConnection_allAnswered() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (String path : List.of("/fast", "/status/404", "/bytes/3", "/nope", "/slow?ms=bad", "/flaky", "/fast")) {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();

        Map<String, String> headers = readHead(in);

        assertThat(headers).as(path).containsKey("content-length");
        in.readNBytes(Integer.parseInt(headers.get("content-length")));
      }
    }
  }

  @Test
  void unknownPath_isNotFound() throws Exception {
    for (String path : List.of("/nope", "/fastx", "/fast/", "/status", "/bytes")) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEqualTo("not found: " + path + "\n");
    }
  }

  @Test
  void close_twice_isHarmless() {
    SampleTarget own = SampleTarget.start(0);
    own.close();
    own.close();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String pathAndQuery) {
    return URI.create(target.baseUri() + pathAndQuery);
  }

  /** Sends one raw request and returns what comes back until the server stops sending. */
  private static String rawExchange(String request, boolean readUntilQuiet) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout(1_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
          all.write(buffer, 0, n);
          if (!readUntilQuiet) {
            break;
          }
          if (all.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException quiet) {
        // the server keeps the connection open: everything has arrived
      }
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static Map<String, String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("connection closed after: " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
    }
    Map<String, String> headers = new HashMap<>();
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Arrays.stream(lines).skip(1).filter(l -> l.contains(":")).forEach(l -> {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
    });
    return headers;
  }

  private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }
}
