package dlt.loadtester.engine;

import dlt.loadtester.http.ResponseParser;
import dlt.loadtester.plan.Step;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/** Decides whether a response counts as a success: status rules, checks, then extractions. */
final class ResponseChecks {
    private ResponseChecks() {
    }

    /** Returns null when the response passes, else why it failed; extracted values go to the user. */
    static ErrorKind evaluate(Step step, byte[] bodyNeedle, ResponseParser response, VirtualUser user) {
        int status = response.status();
        int[] expected = step.expectedStatuses();
        if (expected.length > 0) {
            if (!contains(expected, status)) return ErrorKind.CHECK_STATUS;
        } else if (status >= 500) {
            return ErrorKind.HTTP_5XX;
        } else if (status >= 400) {
            return ErrorKind.HTTP_4XX;
        }
        if (bodyNeedle != null && indexOf(response.capturedBody(), response.capturedBodyLength(), bodyNeedle) < 0) {
            return ErrorKind.CHECK_BODY;
        }
        for (Step.Extraction e : step.extractions()) {
            String value = e.header() != null ? response.capturedHeader() : fromBody(e, response);
            if (value == null) return ErrorKind.EXTRACT_FAILED;
            user.variables().put(e.name(), value);
        }
        return null;
    }

    private static String fromBody(Step.Extraction e, ResponseParser response) {
        String body = new String(response.capturedBody(), 0, response.capturedBodyLength(), StandardCharsets.UTF_8);
        Matcher m = e.regex().matcher(body);
        return m.find() ? (m.groupCount() >= 1 ? m.group(1) : m.group()) : null;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        if (haystack == null) return -1;
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
