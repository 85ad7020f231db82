package dlt.aws.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading and writing typed attributes of a DynamoDB item. Absent values are left out of the item
 * (DynamoDB has no use for nulls), and read back as null.
 */
final class ItemAttributes {

    /**
     * Instants as fixed-width UTC text with nanoseconds: lossless, and sorted as text in time order,
     * which the start-time index relies on.
     */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** DynamoDB refuses items over 400 KB; we stop earlier with a message that says what is too big. */
    static final int MAX_ITEM_BYTES = 380_000;

    private final Map<String, AttributeValue> item;

    private ItemAttributes(Map<String, AttributeValue> item) {
        this.item = item;
    }

    static ItemAttributes write() {
        return new ItemAttributes(new LinkedHashMap<>());
    }

    static ItemAttributes read(Map<String, AttributeValue> item) {
        return new ItemAttributes(item);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    ItemAttributes string(String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
        return this;
    }

    ItemAttributes instant(String name, Instant value) {
        return string(name, value == null ? null : time(value));
    }

    ItemAttributes number(String name, Number value) {
        if (value != null) {
            item.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    ItemAttributes bool(String name, boolean value) {
        item.put(name, AttributeValue.fromBool(value));
        return this;
    }

    ItemAttributes strings(String name, List<String> values) {
        if (values != null) {
            item.put(name, AttributeValue.fromL(values.stream().map(ItemAttributes::s).toList()));
        }
        return this;
    }

    ItemAttributes bytes(String name, SdkBytes value) {
        if (value != null) {
            item.put(name, AttributeValue.fromB(value));
        }
        return this;
    }

    ItemAttributes value(String name, AttributeValue value) {
        if (value != null) {
            item.put(name, value);
        }
        return this;
    }

    /** The item, checked to fit in DynamoDB. */
    Map<String, AttributeValue> build() {
        long size = item.entrySet().stream().mapToLong(e -> e.getKey().length() + sizeOf(e.getValue())).sum();
        if (size > MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("the item is too large to store (" + size / 1024
                    + " KB; at most " + MAX_ITEM_BYTES / 1024 + " KB)");
        }
        return Map.copyOf(item);
    }

    String string(String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    Instant instant(String name) {
        String text = string(name);
        return text == null ? null : Instant.parse(text);
    }

    Integer integer(String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Integer.valueOf(value.n());
    }

    Double decimal(String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Double.valueOf(value.n());
    }

    boolean bool(String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    List<String> strings(String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? null : value.l().stream().map(AttributeValue::s).toList();
    }

    SdkBytes bytes(String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.b();
    }

    private static long sizeOf(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(v -> 1 + sizeOf(v)).sum();
        }
        if (value.hasM()) {
            return 3 + value.m().entrySet().stream().mapToLong(e -> 1 + e.getKey().length() + sizeOf(e.getValue())).sum();
        }
        return 1;
    }
}
