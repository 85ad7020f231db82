package dlt.loadtester.script;

import dlt.loadtester.engine.ErrorKind;
import java.util.Locale;

/**
 * Sorts a script tool's failed request into our error kinds, from its status code and the error text
 * the tool gives (a Java exception for JMeter, a Python one for Locust, k6's error message), so
 * tables and thresholds read the same for every test type.
 */
final class ScriptErrors {
    private ScriptErrors() {
    }

    static ErrorKind classify(int status, String message) {
        if (status >= 500) return ErrorKind.HTTP_5XX;
        if (status >= 400) return ErrorKind.HTTP_4XX;
        if (status > 0) return ErrorKind.ASSERTION_FAILED;
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("refused") || m.contains("connectexception") || m.contains("connecterror")) return ErrorKind.CONNECT_REFUSED;
        if (m.contains("connect") && (m.contains("timeout") || m.contains("timed out"))) return ErrorKind.CONNECT_TIMEOUT;
        if (m.contains("timeout") || m.contains("timed out")) return ErrorKind.RESPONSE_TIMEOUT;
        if (m.contains("ssl") || m.contains("tls") || m.contains("certificate")) return ErrorKind.TLS_ERROR;
        if (m.contains("nohttpresponse") || m.contains("closed") || m.contains("reset") || m.contains("eof")
                || m.contains("disconnected")) {
            return ErrorKind.CONNECTION_CLOSED;
        }
        if (m.contains("socket") || m.contains("ioexception") || m.contains("unknownhost") || m.contains("no such host")) {
            return ErrorKind.IO_ERROR;
        }
        return ErrorKind.SCRIPT_ERROR;
    }
}
