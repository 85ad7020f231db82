package dlt.api.http;

import dlt.api.usecase.ApiException;
import dlt.api.usecase.ErrorCode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A request's query string, read strictly: unknown or repeated parameters and malformed values are refused. */
public final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param single the event's single-value map (may be null)
     * @param multi  the event's multi-value map (may be null); a name given twice with different values is refused
     */
    public static QueryParameters of(Map<String, String> single, Map<String, List<String>> multi) {
        Map<String, String> values = new LinkedHashMap<>();
        if (single != null) {
            values.putAll(single);
        }
        if (multi != null) {
            for (Map.Entry<String, List<String>> entry : multi.entrySet()) {
                List<String> distinct = entry.getValue() == null ? List.of()
                        : entry.getValue().stream().distinct().toList();
                if (distinct.size() > 1) {
                    throw invalid(entry.getKey(), "is given more than once");
                }
                if (distinct.size() == 1) {
                    values.putIfAbsent(entry.getKey(), distinct.get(0));
                }
            }
        }
        return new QueryParameters(values);
    }

    public static QueryParameters none() {
        return new QueryParameters(Map.of());
    }

    /** @throws ApiException INVALID_QUERY_PARAMETER naming the first parameter this route does not take */
    public QueryParameters allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(name)) {
                throw invalid(name, allowed.isEmpty() ? "is not a parameter of this route, which takes none"
                        : "is not a parameter of this route; it takes " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false");
        };
    }

    public int integer(String name, int min, int max, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("\\d{1,9}")) {
            throw invalid(name, "must be a whole number from " + min + " to " + max);
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw invalid(name, "must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    /** An ISO 8601 date-time (an offset or Z; without one, UTC) or date (its start, UTC); null when absent. */
    public Instant instant(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException ignored) {
            // not with an offset; try the other ISO 8601 forms
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw invalid(name, "must be an ISO 8601 time such as 2026-03-31T14:30:00Z");
        }
    }

    /** A string matching {@code pattern}; null when absent. */
    public String text(String name, String pattern, String rule) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!value.matches(pattern)) {
            throw invalid(name, rule);
        }
        return value;
    }

    /** A comma-separated list, items trimmed, empty items dropped. */
    public List<String> list(String name) {
        String value = values.get(name);
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    public String raw(String name) {
        return values.get(name);
    }

    public static ApiException invalid(String name, String problem) {
        return new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, name, name + " " + problem);
    }
}
