package dlt.loadtester.http;

/**
 * Incremental HTTP/1.1 response parser that keeps its state between reads, so a response may arrive
 * in any number of pieces and the caller's read buffer can be shared by every connection of a loop.
 * It allocates nothing per response: body bytes are only kept when a check or an extractor needs them.
 */
public final class ResponseParser {
    public static final int MAX_CAPTURED_BODY = 64 * 1024;
    private static final int MAX_CAPTURED_HEADER = 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");

    private enum State {
        STATUS_VERSION, STATUS_CODE, STATUS_REASON, HEADER_NAME, HEADER_VALUE_START, HEADER_VALUE,
        BODY_FIXED, CHUNK_SIZE, CHUNK_EXTENSION, CHUNK_DATA, CHUNK_DATA_END, TRAILER, BODY_UNTIL_CLOSE, DONE, ERROR
    }

    private State state = State.STATUS_VERSION;
    private boolean headRequest;
    private boolean captureBody;
    private byte[] captureHeaderName;

    private int status;
    private int statusDigits;
    private long contentLength;
    private boolean chunked;
    private boolean connectionClose;
    private long bodyBytes;
    private long remaining;
    private int headerBytes;
    private int statusLineStart;
    private String error;

    private int nameIndex;
    private int nameCandidates;
    private int currentHeader;
    private int valueMatch;

    private final byte[] capturedBody;
    private int capturedBodyLength;
    private final byte[] capturedHeader = new byte[MAX_CAPTURED_HEADER];
    private int capturedHeaderLength;
    private boolean headerCaptured;

    private static final int CANDIDATE_LENGTH = 1, CANDIDATE_ENCODING = 2, CANDIDATE_CONNECTION = 4, CANDIDATE_CAPTURE = 8;

    public ResponseParser(boolean mayCaptureBody) {
        this.capturedBody = mayCaptureBody ? new byte[MAX_CAPTURED_BODY] : null;
    }

    /** Prepares for the next response on this connection. */
    public void reset(boolean headRequest, boolean captureBody, byte[] captureHeaderLowerCase) {
        this.state = State.STATUS_VERSION;
        this.headRequest = headRequest;
        this.captureBody = captureBody && capturedBody != null;
        this.captureHeaderName = captureHeaderLowerCase;
        this.status = 0;
        this.statusDigits = 0;
        this.contentLength = -1;
        this.chunked = false;
        this.connectionClose = false;
        this.bodyBytes = 0;
        this.remaining = 0;
        this.headerBytes = 0;
        this.statusLineStart = 0;
        this.error = null;
        this.capturedBodyLength = 0;
        this.capturedHeaderLength = 0;
        this.headerCaptured = false;
    }

    /**
     * Consumes bytes {@code [from, to)}; returns how many were used. Stops after a complete response,
     * so bytes that follow (which a well-behaved server never sends without a request) stay unread.
     */
    public int parse(byte[] data, int from, int to) {
        int i = from;
        while (i < to && state != State.DONE && state != State.ERROR) {
            switch (state) {
                case BODY_FIXED -> {
                    int n = (int) Math.min(remaining, to - i);
                    body(data, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) state = State.DONE;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, to - i);
                    body(data, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) state = State.CHUNK_DATA_END;
                }
                case BODY_UNTIL_CLOSE -> {
                    body(data, i, to - i);
                    i = to;
                }
                default -> {
                    int lineEnd = atLineStart() ? indexOfLineFeed(data, i, to) : -1;
                    if (lineEnd >= 0) {
                        // The whole line is here: parse it in one pass instead of byte by byte.
                        headerBytes += lineEnd + 1 - i;
                        if (headerBytes > MAX_HEADER_BYTES) {
                            fail("response headers larger than " + MAX_HEADER_BYTES + " bytes");
                        } else if (state == State.STATUS_VERSION) {
                            statusLine(data, i, lineEnd);
                        } else {
                            headerLine(data, i, lineEnd);
                        }
                        i = lineEnd + 1;
                        continue;
                    }
                    if (state.ordinal() <= State.HEADER_VALUE.ordinal() && ++headerBytes > MAX_HEADER_BYTES) {
                        fail("response headers larger than " + MAX_HEADER_BYTES + " bytes");
                    } else {
                        step(data[i]);
                    }
                    i++;
                }
            }
        }
        return i - from;
    }

    private boolean atLineStart() {
        return (state == State.STATUS_VERSION && headerBytes == statusLineStart)
                || (state == State.HEADER_NAME && nameIndex == 0);
    }

    private static int indexOfLineFeed(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) if (data[i] == '\n') return i;
        return -1;
    }

    /** {@code HTTP/1.x NNN reason}, given whole: [from, lf). */
    private void statusLine(byte[] data, int from, int lf) {
        int sp = from;
        while (sp < lf && data[sp] != ' ') sp++;
        if (sp - from > 16 || sp + 4 > lf + 1 || !digit(data[sp + 1]) || !digit(data[sp + 2]) || !digit(data[sp + 3])
                || (sp + 4 < lf && data[sp + 4] != ' ' && data[sp + 4] != '\r')) {
            fail("malformed status line");
            return;
        }
        status = (data[sp + 1] - '0') * 100 + (data[sp + 2] - '0') * 10 + (data[sp + 3] - '0');
        statusDigits = 3;
        state = State.HEADER_NAME;
        startHeaderName();
    }

    /** One header line (or the empty line ending the headers), given whole: [from, lf). */
    private void headerLine(byte[] data, int from, int lf) {
        int end = lf > from && data[lf - 1] == '\r' ? lf - 1 : lf;
        if (end == from) {
            endOfHeaders();
            return;
        }
        int colon = from;
        while (colon < end && data[colon] != ':') colon++;
        if (colon == end) {
            fail("header line without a colon");
            return;
        }
        int nameLength = colon - from;
        int header = 0;
        if (nameLength == CONTENT_LENGTH.length && equalsLowerCase(data, from, CONTENT_LENGTH)) header = CANDIDATE_LENGTH;
        else if (nameLength == TRANSFER_ENCODING.length && equalsLowerCase(data, from, TRANSFER_ENCODING)) header = CANDIDATE_ENCODING;
        else if (nameLength == CONNECTION.length && equalsLowerCase(data, from, CONNECTION)) header = CANDIDATE_CONNECTION;
        if (captureHeaderName != null && !headerCaptured && nameLength == captureHeaderName.length
                && equalsLowerCase(data, from, captureHeaderName)) {
            header |= CANDIDATE_CAPTURE;
        }
        if (header == 0) return;
        // Known header: hand its value to the byte-level rules, which already cover every case.
        currentHeader = header;
        if ((header & CANDIDATE_LENGTH) != 0) contentLength = 0;
        if ((header & CANDIDATE_CAPTURE) != 0) capturedHeaderLength = 0;
        valueMatch = 0;
        state = State.HEADER_VALUE_START;
        for (int i = colon + 1; i <= lf && state != State.ERROR; i++) headerValue(data[i]);
    }

    private static boolean equalsLowerCase(byte[] data, int from, byte[] lowerName) {
        for (int j = 0; j < lowerName.length; j++) {
            byte b = data[from + j];
            if (b >= 'A' && b <= 'Z') b += 32;
            if (b != lowerName[j]) return false;
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The peer closed the connection: completes a close-delimited body, anything else is cut short. */
    public void onEndOfStream() {
        if (state == State.BODY_UNTIL_CLOSE) {
            state = State.DONE;
        } else if (state != State.DONE) {
            fail("connection closed before the response was complete");
        }
    }

    private void step(byte b) {
        switch (state) {
            case STATUS_VERSION -> {
                if (b == ' ') state = State.STATUS_CODE;
                else if (headerBytes - statusLineStart > 16) fail("malformed status line");
            }
            case STATUS_CODE -> {
                if (b >= '0' && b <= '9' && statusDigits < 3) {
                    status = status * 10 + (b - '0');
                    statusDigits++;
                } else if ((b == ' ' || b == '\r' || b == '\n') && statusDigits == 3) {
                    state = b == '\n' ? State.HEADER_NAME : State.STATUS_REASON;
                    startHeaderName();
                } else {
                    fail("malformed status code");
                }
            }
            case STATUS_REASON -> {
                if (b == '\n') {
                    state = State.HEADER_NAME;
                    startHeaderName();
                }
            }
            case HEADER_NAME -> headerName(b);
            case HEADER_VALUE_START, HEADER_VALUE -> headerValue(b);
            case CHUNK_SIZE -> {
                int digit = hex(b);
                if (digit >= 0) {
                    if (remaining > (Long.MAX_VALUE >> 4)) fail("chunk size too large");
                    remaining = (remaining << 4) | digit;
                } else if (b == ';' || b == ' ' || b == '\t') {
                    state = State.CHUNK_EXTENSION;
                } else if (b == '\n') {
                    endOfChunkSize();
                } else if (b != '\r') {
                    fail("malformed chunk size");
                }
            }
            case CHUNK_EXTENSION -> {
                if (b == '\n') endOfChunkSize();
            }
            case CHUNK_DATA_END -> {
                if (b == '\n') {
                    state = State.CHUNK_SIZE;
                    remaining = 0;
                } else if (b != '\r') {
                    fail("chunk not followed by CRLF");
                }
            }
            case TRAILER -> {
                // Trailers are skipped; an empty line ends the message.
                if (b == '\n') {
                    if (nameIndex == 0) state = State.DONE;
                    nameIndex = 0;
                } else if (b != '\r') {
                    nameIndex++;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfChunkSize() {
        if (remaining == 0) {
            state = State.TRAILER;
            nameIndex = 0;
        } else {
            state = State.CHUNK_DATA;
        }
    }

    private void startHeaderName() {
        nameIndex = 0;
        nameCandidates = CANDIDATE_LENGTH | CANDIDATE_ENCODING | CANDIDATE_CONNECTION
                | (captureHeaderName != null ? CANDIDATE_CAPTURE : 0);
    }

    private void headerName(byte b) {
        if (b == ':') {
            currentHeader = 0;
            if ((nameCandidates & CANDIDATE_LENGTH) != 0 && nameIndex == CONTENT_LENGTH.length) currentHeader = CANDIDATE_LENGTH;
            else if ((nameCandidates & CANDIDATE_ENCODING) != 0 && nameIndex == TRANSFER_ENCODING.length) currentHeader = CANDIDATE_ENCODING;
            else if ((nameCandidates & CANDIDATE_CONNECTION) != 0 && nameIndex == CONNECTION.length) currentHeader = CANDIDATE_CONNECTION;
            if ((nameCandidates & CANDIDATE_CAPTURE) != 0 && nameIndex == captureHeaderName.length && !headerCaptured) {
                currentHeader |= CANDIDATE_CAPTURE;
                capturedHeaderLength = 0;
            }
            if ((currentHeader & CANDIDATE_LENGTH) != 0) contentLength = 0;
            valueMatch = 0;
            state = State.HEADER_VALUE_START;
            return;
        }
        if (b == '\n') {
            if (nameIndex == 0) {
                endOfHeaders();
            } else {
                fail("header line without a colon");
            }
            return;
        }
        if (b == '\r') return;
        byte lower = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
        nameCandidates &= ~mismatches(lower);
        nameIndex++;
    }

    private int mismatches(byte lower) {
        int bad = 0;
        if (!matchesAt(CONTENT_LENGTH, lower)) bad |= CANDIDATE_LENGTH;
        if (!matchesAt(TRANSFER_ENCODING, lower)) bad |= CANDIDATE_ENCODING;
        if (!matchesAt(CONNECTION, lower)) bad |= CANDIDATE_CONNECTION;
        if (captureHeaderName == null || !matchesAt(captureHeaderName, lower)) bad |= CANDIDATE_CAPTURE;
        return bad;
    }

    private boolean matchesAt(byte[] name, byte lower) {
        return nameIndex < name.length && name[nameIndex] == lower;
    }

    private void headerValue(byte b) {
        if (b == '\n') {
            if ((currentHeader & CANDIDATE_CAPTURE) != 0) {
                while (capturedHeaderLength > 0 && capturedHeader[capturedHeaderLength - 1] <= ' ') capturedHeaderLength--;
                headerCaptured = true;
            }
            state = State.HEADER_NAME;
            startHeaderName();
            return;
        }
        if (state == State.HEADER_VALUE_START) {
            if (b == ' ' || b == '\t') return;
            state = State.HEADER_VALUE;
        }
        if ((currentHeader & CANDIDATE_CAPTURE) != 0 && b != '\r' && capturedHeaderLength < MAX_CAPTURED_HEADER) {
            capturedHeader[capturedHeaderLength++] = b;
        }
        if ((currentHeader & CANDIDATE_LENGTH) != 0) {
            if (b >= '0' && b <= '9') {
                if (contentLength > (Long.MAX_VALUE - 9) / 10) fail("content-length too large");
                contentLength = contentLength * 10 + (b - '0');
            } else if (b != '\r' && b != ' ' && b != '\t') {
                fail("malformed content-length");
            }
        } else if ((currentHeader & CANDIDATE_ENCODING) != 0) {
            valueMatch = containsStep(CHUNKED, valueMatch, b);
            if (valueMatch == CHUNKED.length) chunked = true;
        } else if ((currentHeader & CANDIDATE_CONNECTION) != 0) {
            valueMatch = containsStep(CLOSE, valueMatch, b);
            if (valueMatch == CLOSE.length) connectionClose = true;
        }
    }

    private static int containsStep(byte[] word, int matched, byte b) {
        if (matched == word.length) return matched;
        byte lower = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
        if (word[matched] == lower) return matched + 1;
        return word[0] == lower ? 1 : 0;
    }

    private void endOfHeaders() {
        if (status >= 100 && status < 200 && status != 101) {
            // Interim response (100 Continue): the real one follows.
            int keep = headerBytes;
            reset(headRequest, captureBody, captureHeaderName);
            headerBytes = keep;
            statusLineStart = keep;
            return;
        }
        if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
            remaining = 0;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY_FIXED;
        } else {
            connectionClose = true;
            state = State.BODY_UNTIL_CLOSE;
        }
    }

    private void body(byte[] data, int from, int length) {
        bodyBytes += length;
        if (captureBody && capturedBodyLength < capturedBody.length) {
            int n = Math.min(length, capturedBody.length - capturedBodyLength);
            System.arraycopy(data, from, capturedBody, capturedBodyLength, n);
            capturedBodyLength += n;
        }
    }

    private void fail(String reason) {
        error = reason;
        state = State.ERROR;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public boolean isComplete() { return state == State.DONE; }
    public boolean hasFailed() { return state == State.ERROR; }
    public boolean hasStarted() { return headerBytes > 0 || bodyBytes > 0; }
    public String error() { return error; }
    public int status() { return status; }
    public boolean keepAlive() { return !connectionClose; }
    public long bodyBytes() { return bodyBytes; }
    public byte[] capturedBody() { return capturedBody; }
    public int capturedBodyLength() { return capturedBodyLength; }

    /** The captured header's value, or null when the response did not carry it. */
    public String capturedHeader() {
        return headerCaptured ? new String(capturedHeader, 0, capturedHeaderLength, java.nio.charset.StandardCharsets.ISO_8859_1) : null;
    }
}
