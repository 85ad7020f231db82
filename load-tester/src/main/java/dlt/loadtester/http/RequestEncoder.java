package dlt.loadtester.http;

import dlt.loadtester.plan.Step;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a step into the exact bytes of an HTTP/1.1 request, once for fixed steps, per send for templated ones. */
public final class RequestEncoder {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String USER_AGENT = "dlt/0.1";

    private RequestEncoder() {
    }

    public static byte[] encode(Step step) {
        return encode(step, UnaryOperator.identity());
    }

    /** Encodes with {@code ${name}} references replaced from {@code variables} (unknown names become empty). */
    public static byte[] encode(Step step, Map<String, String> variables) {
        return encode(step, text -> substitute(text, variables));
    }

    static String substitute(String text, Map<String, String> variables) {
        if (text == null || !text.contains("${")) return text;
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] encode(Step step, UnaryOperator<String> resolve) {
        String target = resolve.apply(step.requestTarget());
        byte[] body = step.body() == null ? null : resolve.apply(step.body()).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(128);
        head.append(step.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false, hasUserAgent = false, hasAccept = false;
        for (Map.Entry<String, String> h : step.headers().entrySet()) {
            String name = resolve.apply(h.getKey());
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection")) continue;
            hasHost |= lower.equals("host");
            hasUserAgent |= lower.equals("user-agent");
            hasAccept |= lower.equals("accept");
            head.append(name).append(": ").append(resolve.apply(h.getValue())).append("\r\n");
        }
        if (!hasHost) head.append("Host: ").append(step.endpoint().hostHeader()).append("\r\n");
        if (!hasUserAgent) head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        if (!hasAccept) head.append("Accept: */*\r\n");
        if (body != null || expectsBody(step.method())) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
