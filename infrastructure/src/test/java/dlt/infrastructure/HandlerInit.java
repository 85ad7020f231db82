package dlt.infrastructure;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Run in a fresh JVM whose class path is a function's shaded jar (and this class), with the function's
 * environment from the template: builds the handler as the Lambda runtime does (its no-argument
 * constructor), then runs its SnapStart priming pass as the first invocation. Prints one line:
 * {@code initMs primeMs} then one line per field of dlt's objects that holds a value which must not be
 * captured in a snapshot (a random generator, a time, a UUID, an epoch-like number).
 * Only JDK classes here: the handler's own jar supplies the rest.
 */
public final class HandlerInit {

    private HandlerInit() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        long built = System.nanoTime();
        List<String> problems = new ArrayList<>();
        walk(handler, args[0], new IdentityHashMap<>(), problems);
        Object priming = primingOf(handler);
        if (priming == null) {
            problems.add("no HandlerPriming field: the handler is not primed before the snapshot");
        } else {
            Method prime = priming.getClass().getMethod("prime");
            prime.invoke(priming);
        }
        long primed = System.nanoTime();
        walk(handler, args[0] + " (after priming)", new IdentityHashMap<>(), problems);
        System.out.println((built - start) / 1_000_000 + " " + (primed - built) / 1_000_000);
        problems.forEach(p -> System.out.println("problem: " + p));
        System.exit(0);
    }

    private static Object primingOf(Object handler) throws IllegalAccessException {
        for (Field field : handler.getClass().getDeclaredFields()) {
            if (field.getType().getName().equals("dlt.aws.priming.HandlerPriming")) {
                field.setAccessible(true);
                return field.get(handler);
            }
        }
        return null;
    }

    private static void walk(Object value, String path, Map<Object, Boolean> seen, List<String> problems)
            throws IllegalAccessException {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (forbidden(value)) {
            problems.add(path + " holds a " + value.getClass().getName() + " made at init");
            return;
        }
        if (value instanceof Collection<?>) {
            int i = 0;
            for (Object element : new ArrayList<>((Collection<?>) value)) {
                walk(element, path + "[" + i++ + "]", seen, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : new ArrayList<>(m.entrySet())) {
                walk(e.getKey(), path + "{key}", seen, problems);
                walk(e.getValue(), path + "{" + e.getKey() + "}", seen, problems);
            }
            return;
        }
        if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                walk(Array.get(value, i), path + "[" + i + "]", seen, problems);
            }
            return;
        }
        if (!ours(value.getClass().getName())) {
            return; // the SDK's and the JDK's own objects are theirs to get right
        }
        for (Class<?> type = value.getClass(); type != null && ours(type.getName()); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isSynthetic() && !field.getName().startsWith("arg$") && !field.getName().startsWith("val$")) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue = field.get(Modifier.isStatic(field.getModifiers()) ? null : value);
                String where = path + "." + field.getName();
                if ((field.getType() == long.class || field.getType() == Long.class) && fieldValue != null
                        && looksLikeNow(((Number) fieldValue).longValue())) {
                    problems.add(where + " = " + fieldValue + " looks like a timestamp taken at init");
                }
                if (!field.getType().isPrimitive()) {
                    walk(fieldValue, where, seen, problems);
                }
            }
        }
    }

    private static boolean ours(String className) {
        return className.startsWith("dlt.");
    }

    /** Values that differ per sandbox and so must be made per request, or lazily, never before the snapshot. */
    private static boolean forbidden(Object value) {
        boolean secure = value instanceof java.security.SecureRandom; // AWS's runtime reseeds it on restore
        return (value instanceof Random && !secure) || value instanceof SplittableRandom || value instanceof Temporal
                || value instanceof Date || value instanceof UUID;
    }

    private static boolean looksLikeNow(long value) {
        long nowMillis = System.currentTimeMillis();
        long day = 86_400L;
        return Math.abs(value - nowMillis) < day * 1000 || Math.abs(value - nowMillis / 1000) < day;
    }
}
