package dlt.core.script;

import dlt.core.scenario.TestType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An uploaded zip of a script test: the script with its data files (and, for JMeter, plugin jars under
 * {@code plugins/}). Checked when it arrives (the API) and again before the worker unpacks it, because
 * the object could have been replaced in between: no absolute paths, no {@code ..}, no links, bounded
 * size and entry count. The entry script is the one DLT picks: the first {@code .jmx}, the first k6
 * script ({@code .js}, then {@code .ts}), or {@code locustfile.py}.
 */
public final class ScriptBundle {
    /** A zip larger than this is refused before it is read. */
    public static final long MAX_ZIP_BYTES = 50L * 1024 * 1024;
    /** What the entries may add up to once unpacked (zip bombs stop here). */
    public static final long MAX_UNPACKED_BYTES = 200L * 1024 * 1024;
    public static final int MAX_ENTRIES = 1_000;
    public static final int MAX_NAME_LENGTH = 255;

    private static final int UNIX_FILE_TYPE_MASK = 0170000;
    private static final int UNIX_SYMLINK = 0120000;

    private final String entryScript;
    private final List<String> plugins;
    private final List<String> files;

    private ScriptBundle(String entryScript, List<String> plugins, List<String> files) {
        this.entryScript = entryScript;
        this.plugins = List.copyOf(plugins);
        this.files = List.copyOf(files);
    }

    /** The path inside the zip of the script that runs, such as {@code tests/plan.jmx}. */
    public String entryScript() {
        return entryScript;
    }

    /** {@code plugins/*.jar} entries (JMeter adds them to its classpath). */
    public List<String> plugins() {
        return plugins;
    }

    /** Every file entry, in zip order. */
    public List<String> files() {
        return files;
    }

    /**
     * Checks a zip without unpacking it.
     *
     * @throws InvalidBundleException naming the rule the zip breaks
     */
    public static ScriptBundle inspect(byte[] zip, TestType type) {
        return read(zip, type, null);
    }

    /**
     * Checks a zip again and writes its files under {@code directory} (which must exist). Sizes are
     * counted as bytes are written, whatever the zip's headers claim.
     *
     * @throws InvalidBundleException naming the rule the zip breaks; files written so far stay in
     *                                {@code directory}, which the caller owns
     */
    public static ScriptBundle unpack(byte[] zip, TestType type, Path directory) throws IOException {
        return read(zip, type, directory.toAbsolutePath().normalize());
    }

    private static ScriptBundle read(byte[] zip, TestType type, Path directory) {
        if (!type.usesScript()) throw new IllegalArgumentException(type.jsonValue() + " tests have no script");
        if (zip.length > MAX_ZIP_BYTES) {
            throw new InvalidBundleException("the zip is " + zip.length + " bytes; at most " + MAX_ZIP_BYTES + " are allowed");
        }
        List<String> links = CentralDirectory.links(zip);
        if (!links.isEmpty()) throw new InvalidBundleException("the zip holds a link (" + links.get(0) + "); links are not allowed");
        List<String> files = new ArrayList<>();
        List<String> plugins = new ArrayList<>();
        long unpacked = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidBundleException("the zip has more than " + MAX_ENTRIES + " entries");
                }
                String name = checkName(entry.getName());
                if (entry.isDirectory()) {
                    if (directory != null) Files.createDirectories(directory.resolve(name));
                    continue;
                }
                unpacked += copy(in, directory == null ? null : target(directory, name), MAX_UNPACKED_BYTES - unpacked, name);
                files.add(name);
                if (isPlugin(name)) plugins.add(name);
            }
        } catch (ZipException e) {
            throw new InvalidBundleException("the file is not a readable zip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidBundleException("the zip cannot be read (" + e.getMessage() + ")");
        }
        if (entries == 0) throw new InvalidBundleException("the file is not a zip, or the zip is empty");
        return new ScriptBundle(entryScript(files, type), plugins, files);
    }

    private static String checkName(String raw) {
        String name = raw.replace('\\', '/');
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidBundleException("an entry name is empty or longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.startsWith("/") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw new InvalidBundleException("the entry " + raw + " has an absolute path; entries must be relative");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidBundleException("the entry " + raw + " climbs out of the bundle with ..");
            }
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidBundleException("an entry name holds control characters");
        }
        return name;
    }

    private static Path target(Path directory, String name) throws IOException {
        Path target = directory.resolve(name).normalize();
        if (!target.startsWith(directory)) {
            throw new InvalidBundleException("the entry " + name + " would be written outside the bundle");
        }
        Files.createDirectories(target.getParent());
        return target;
    }

    private static long copy(InputStream in, Path target, long budget, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > budget) {
                    throw new InvalidBundleException("the zip unpacks to more than " + MAX_UNPACKED_BYTES
                            + " bytes (at " + name + ")");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static boolean isPlugin(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("plugins/") && lower.endsWith(".jar") && lower.indexOf('/', "plugins/".length()) < 0;
    }

    private static String entryScript(List<String> files, TestType type) {
        List<String> wanted = switch (type) {
            case JMETER -> List.of(".jmx");
            case K6 -> List.of(".js", ".ts");
            case LOCUST -> List.of("locustfile.py");
            case SIMPLE -> throw new IllegalStateException("simple tests have no script");
        };
        for (String ending : wanted) {
            for (String file : files) {
                String lower = file.toLowerCase(Locale.ROOT);
                boolean matches = ending.startsWith(".") ? lower.endsWith(ending)
                        : lower.equals(ending) || lower.endsWith("/" + ending);
                if (matches && !isHidden(file)) return file;
            }
        }
        throw new InvalidBundleException("the zip holds no " + String.join(" or ", wanted.stream()
                .map(w -> w.startsWith(".") ? "*" + w : w).toList()) + " for a " + type.jsonValue() + " test");
    }

    /** macOS zips carry {@code __MACOSX/._plan.jmx} resource forks; they are not scripts. */
    private static boolean isHidden(String file) {
        return file.startsWith("__MACOSX/") || file.substring(file.lastIndexOf('/') + 1).startsWith(".");
    }

    /** A zip the rules refuse; the message names the rule, for a 400 or a worker's log. */
    public static final class InvalidBundleException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidBundleException(String message) {
            super(message);
        }
    }

    /**
     * The zip's central directory, read only for what {@link ZipInputStream} does not show: Unix file
     * modes, where links are marked.
     */
    private static final class CentralDirectory {
        private static final int END_SIGNATURE = 0x06054b50;
        private static final int ENTRY_SIGNATURE = 0x02014b50;
        private static final int END_MIN_SIZE = 22;

        static List<String> links(byte[] zip) {
            ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            int end = -1;
            for (int i = zip.length - END_MIN_SIZE; i >= Math.max(0, zip.length - END_MIN_SIZE - 65_535); i--) {
                if (b.getInt(i) == END_SIGNATURE) {
                    end = i;
                    break;
                }
            }
            if (end < 0) return List.of(); // not a zip: ZipInputStream says so
            int count = Short.toUnsignedInt(b.getShort(end + 10));
            long offset = Integer.toUnsignedLong(b.getInt(end + 16));
            if (count > MAX_ENTRIES) throw new InvalidBundleException("the zip has more than " + MAX_ENTRIES + " entries");
            List<String> links = new ArrayList<>();
            int p = (int) Math.min(offset, zip.length);
            for (int i = 0; i < count; i++) {
                if (p + 46 > zip.length || b.getInt(p) != ENTRY_SIGNATURE) {
                    throw new InvalidBundleException("the zip's central directory is damaged");
                }
                int madeBy = Short.toUnsignedInt(b.getShort(p + 4)) >> 8;
                int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
                int extraLength = Short.toUnsignedInt(b.getShort(p + 30));
                int commentLength = Short.toUnsignedInt(b.getShort(p + 32));
                int unixMode = b.getInt(p + 38) >>> 16;
                if (p + 46 + nameLength > zip.length) throw new InvalidBundleException("the zip's central directory is damaged");
                String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
                checkName(name);
                boolean unix = madeBy == 3;
                if (unix && (unixMode & UNIX_FILE_TYPE_MASK) == UNIX_SYMLINK) links.add(name);
                p += 46 + nameLength + extraLength + commentLength;
            }
            return links;
        }
    }
}
