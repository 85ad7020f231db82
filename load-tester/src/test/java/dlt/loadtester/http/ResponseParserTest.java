package dlt.loadtester.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private static final String FIXED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; q=\"x\"\r\n world\r\n0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void parse_contentLength_completesWithStatusAndBody() {
        ResponseParser p = parsed(FIXED, true);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.bodyBytes()).isEqualTo(11);
        assertThat(body(p)).isEqualTo("hello world");
        assertThat(p.keepAlive()).isTrue();
    }

    @Test
    void parse_bytesAfterCompleteResponse_leftUnread() {
        byte[] data = bytes(FIXED + "HTTP/1.1 200 OK\r\n");
        ResponseParser p = fresh(false);

        int used = p.parse(data, 0, data.length);

        assertThat(used).isEqualTo(FIXED.length());
        assertThat(p.isComplete()).isTrue();
    }

    @Test
    void parse_contentLengthNotYetReached_isIncomplete() {
        ResponseParser p = parsed(FIXED.substring(0, FIXED.length() - 1), false);

        assertThat(p.isComplete()).isFalse();
        assertThat(p.hasFailed()).isFalse();
        assertThat(p.hasStarted()).isTrue();
    }

    @Test
    void parse_chunkedWithExtensionsAndTrailers_completesWithDecodedBody() {
        ResponseParser p = parsed(CHUNKED, true);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(11);
        assertThat(body(p)).isEqualTo("hello world");
        assertThat(p.keepAlive()).isTrue();
    }

    @Test
    void parse_chunkedUpperCaseHexSize_readsWholeChunk() {
        String response = "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, Chunked\r\n\r\n1A\r\n" + "x".repeat(26) + "\r\n0\r\n\r\n";

        ResponseParser p = parsed(response, false);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(26);
    }

    @Test
    void parse_noLengthNoChunking_bodyEndsAtClose() {
        ResponseParser p = fresh(true);
        byte[] data = bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        p.parse(data, 0, data.length);

        assertThat(p.isComplete()).isFalse();
        p.onEndOfStream();

        assertThat(p.isComplete()).isTrue();
        assertThat(body(p)).isEqualTo("until the end");
        assertThat(p.keepAlive()).isFalse();
    }

    @Test
    void onEndOfStream_midContentLengthBody_fails() {
        ResponseParser p = parsed(FIXED.substring(0, FIXED.length() - 3), false);

        p.onEndOfStream();

        assertThat(p.hasFailed()).isTrue();
        assertThat(p.error()).contains("closed");
    }

    @Test
    void parse_connectionClose_notKeptAlive() {
        ResponseParser p = parsed("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n", false);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.keepAlive()).isFalse();
    }

    @Test
    void parse_splitAtEveryByteBoundary_sameResultAsWhole() {
        for (String response : List.of(FIXED, CHUNKED)) {
            ResponseParser whole = parsed(response, true);
            byte[] data = bytes(response);
            for (int split = 0; split <= data.length; split++) {
                ResponseParser p = fresh(true);
                int used = p.parse(data, 0, split);
                used += p.parse(data, split, data.length);

                assertThat(used).as("split at %d of %s", split, response).isEqualTo(data.length);
                assertThat(p.isComplete()).as("split at %d of %s", split, response).isTrue();
                assertThat(p.status()).isEqualTo(whole.status());
                assertThat(p.bodyBytes()).isEqualTo(whole.bodyBytes());
                assertThat(body(p)).isEqualTo(body(whole));
            }
        }
    }

    @Test
    void parse_oneByteAtATime_completes() {
        byte[] data = bytes(CHUNKED);
        ResponseParser p = fresh(true);
        for (int i = 0; i < data.length; i++) p.parse(data, i, i + 1);

        assertThat(p.isComplete()).isTrue();
        assertThat(body(p)).isEqualTo("hello world");
    }

    @Test
    void parse_100ContinueThenFinalResponse_reportsFinalResponse() {
        ResponseParser p = parsed(CONTINUE, true);

        assertThat(p.hasFailed()).as(p.error()).isFalse();
        assertThat(p.isComplete()).isTrue();
        assertThat(p.status()).isEqualTo(201);
        assertThat(body(p)).isEqualTo("ok");
    }

    @Test
    void parse_headRequestWithContentLength_completesWithoutBody() {
        ResponseParser p = new ResponseParser(false);
        p.reset(true, false, null);
        byte[] data = bytes("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");

        int used = p.parse(data, 0, data.length);

        assertThat(used).isEqualTo(data.length);
        assertThat(p.isComplete()).isTrue();
        assertThat(p.bodyBytes()).isZero();
    }

    @Test
    void parse_204And304WithContentLength_completeWithoutBody() {
        for (int status : new int[] {204, 304}) {
            ResponseParser p = parsed("HTTP/1.1 " + status + " X\r\nContent-Length: 10\r\n\r\n", false);

            assertThat(p.isComplete()).as("status %d", status).isTrue();
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.bodyBytes()).isZero();
        }
    }

    @Test
    void parse_statusLineWithoutReason_accepted() {
        ResponseParser p = parsed("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", false);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.status()).isEqualTo(404);
    }

    @Test
    void parse_malformedStatusCode_fails() {
        for (String line : List.of("HTTP/1.1 2x0 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 OK")) {
            ResponseParser p = parsed(line + "\r\nContent-Length: 0\r\n\r\n", false);

            assertThat(p.hasFailed()).as(line).isTrue();
            assertThat(p.isComplete()).as(line).isFalse();
        }
    }

    @Test
    void parse_garbageInsteadOfStatusLine_fails() {
        ResponseParser p = parsed("<html><body>not http at all</body></html>", false);

        assertThat(p.hasFailed()).isTrue();
        assertThat(p.error()).isNotBlank();
    }

    @Test
    void parse_malformedContentLength_fails() {
        ResponseParser p = parsed("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n", false);

        assertThat(p.hasFailed()).isTrue();
        assertThat(p.error()).contains("content-length");
    }

    @Test
    void parse_hugeContentLength_fails() {
        ResponseParser p = parsed("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", false);

        assertThat(p.hasFailed()).isTrue();
    }

    @Test
    void parse_malformedChunkSize_fails() {
        ResponseParser p = parsed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false);

        assertThat(p.hasFailed()).isTrue();
    }

    @Test
    void parse_headerLineWithoutColon_fails() {
        ResponseParser p = parsed("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", false);

        assertThat(p.hasFailed()).isTrue();
    }

    @Test
    void parse_headersBeyondLimit_fails() {
        String response = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n";

        ResponseParser p = parsed(response, false);

        assertThat(p.hasFailed()).isTrue();
    }

    @Test
    void capturedHeader_differentCaseInResponse_foundAndTrimmed() {
        ResponseParser p = new ResponseParser(false);
        p.reset(false, false, bytes("x-session"));
        byte[] data = bytes("HTTP/1.1 200 OK\r\nX-Session-Id: wrong\r\nX-SESSION:   abc123  \r\nx-session: second\r\n"
                + "Content-Length: 0\r\n\r\n");

        p.parse(data, 0, data.length);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.capturedHeader()).isEqualTo("abc123");
    }

    @Test
    void capturedHeader_absentFromResponse_isNull() {
        ResponseParser p = new ResponseParser(false);
        p.reset(false, false, bytes("x-session"));
        byte[] data = bytes(FIXED);

        p.parse(data, 0, data.length);

        assertThat(p.capturedHeader()).isNull();
    }

    @Test
    void capturedHeader_previousResponseHadIt_clearedByReset() {
        ResponseParser p = new ResponseParser(false);
        p.reset(false, false, bytes("x-token"));
        byte[] first = bytes("HTTP/1.1 200 OK\r\nX-Token: t1\r\nContent-Length: 0\r\n\r\n");
        p.parse(first, 0, first.length);
        p.reset(false, false, bytes("x-token"));
        byte[] second = bytes(FIXED);

        p.parse(second, 0, second.length);

        assertThat(p.capturedHeader()).isNull();
    }

    @Test
    void capturedBody_largerThanCap_keepsFirstBytesAndCountsAll() {
        int size = ResponseParser.MAX_CAPTURED_BODY + 5000;
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'z');
        payload[0] = 'a';
        byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
        ResponseParser p = fresh(true);

        p.parse(head, 0, head.length);
        p.parse(payload, 0, payload.length);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(size);
        assertThat(p.capturedBodyLength()).isEqualTo(ResponseParser.MAX_CAPTURED_BODY);
        assertThat(p.capturedBody()[0]).isEqualTo((byte) 'a');
    }

    @Test
    void capturedBody_notAskedFor_nothingKept() {
        ResponseParser p = new ResponseParser(true);
        p.reset(false, false, null);
        byte[] data = bytes(FIXED);

        p.parse(data, 0, data.length);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.capturedBodyLength()).isZero();
        assertThat(p.bodyBytes()).isEqualTo(11);
    }

    @Test
    void reset_afterFailure_parsesNextResponse() {
        ResponseParser p = parsed("HTTP/1.1 abc\r\n\r\n", false);
        assertThat(p.hasFailed()).isTrue();
        p.reset(false, false, null);
        byte[] data = bytes(FIXED);

        p.parse(data, 0, data.length);

        assertThat(p.isComplete()).isTrue();
        assertThat(p.error()).isNull();
    }

    private static ResponseParser fresh(boolean captureBody) {
        ResponseParser p = new ResponseParser(captureBody);
        p.reset(false, captureBody, null);
        return p;
    }

    private static ResponseParser parsed(String response, boolean captureBody) {
        ResponseParser p = fresh(captureBody);
        byte[] data = bytes(response);
        p.parse(data, 0, data.length);
        return p;
    }

    private static String body(ResponseParser p) {
        return p.capturedBody() == null ? "" : new String(p.capturedBody(), 0, p.capturedBodyLength(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
