package dlt.cli;

import java.util.List;

/**
 * One {@code --threshold} value: k6's expression, with the metric named in front or inferred.
 * {@code p(95)<300ms} and {@code avg<200} are response times; {@code error_rate<1%}, {@code rps>500},
 * {@code checks>99%} and {@code response_time{label:login}:p(99)<1s} name their metric.
 */
record ThresholdFlag(String metric, String expression) {
    private static final List<String> METRICS = List.of("response_time", "error_rate", "rps", "checks");

    static ThresholdFlag parse(String text) {
        String t = text.trim();
        for (String m : METRICS) {
            if (!t.startsWith(m)) continue;
            int i = m.length();
            if (i < t.length() && t.charAt(i) == '{') {
                int close = t.indexOf('}', i);
                if (close < 0) throw new UsageException("bad threshold '" + text + "': unclosed '{'");
                i = close + 1;
            }
            String key = t.substring(0, i);
            String rest = t.substring(i);
            if (rest.startsWith(":")) rest = rest.substring(1);
            if (rest.isBlank()) throw new UsageException("bad threshold '" + text + "': no expression after " + key);
            return new ThresholdFlag(key, rest.trim());
        }
        return new ThresholdFlag("response_time", t);
    }
}
