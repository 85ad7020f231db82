package dlt.loadtester.target;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads the numbers a sample-target request carries; a bad one is a {@link BadRequest}. */
final class Queries {
  private static final int MAX_ECHOED_CHARS = 80;

  private Queries() {}

  /** The non-negative number in query parameter {@code name}, or {@code absent} without one. */
  static long number(URI uri, String name, long absent) {
    String query = uri.getRawQuery();
    if (query == null) {
      return absent;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return parse(value, name);
      }
    }
    return absent;
  }

  /** A non-negative decimal number of at most 18 digits. */
  static long parse(String raw, String what) {
    if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadRequest(what + " must be a non-negative whole number, was '" + printable(raw) + "'");
    }
    return Long.parseLong(raw);
  }

  /** {@code text} cut short and with control characters replaced, safe to echo on one line. */
  static String printable(String text) {
    String cut = text.length() > MAX_ECHOED_CHARS ? text.substring(0, MAX_ECHOED_CHARS) + "..." : text;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
