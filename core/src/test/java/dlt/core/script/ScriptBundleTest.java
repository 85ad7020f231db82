package dlt.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.scenario.TestType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptBundleTest {
    @TempDir
    Path dir;

    @Test
    void inspect_jmeterZip_firstPlanInZipOrderAndPluginJars() throws IOException {
        byte[] zip = zip(entries("data/users.csv", "alice", "b.jmx", "<b/>", "a.jmx", "<a/>", "plugins/x.jar", "jar",
                "plugins/nested/y.jar", "jar", "__MACOSX/._c.jmx", "fork"));

        ScriptBundle bundle = ScriptBundle.inspect(zip, TestType.JMETER);

        assertThat(bundle.entryScript()).isEqualTo("b.jmx");
        assertThat(bundle.plugins()).containsExactly("plugins/x.jar");
    }

    @Test
    void inspect_locustZip_locustfileWhereverItIs() throws IOException {
        byte[] zip = zip(entries("helpers.py", "", "tests/locustfile.py", "", "other.py", ""));

        assertThat(ScriptBundle.inspect(zip, TestType.LOCUST).entryScript()).isEqualTo("tests/locustfile.py");
    }

    @Test
    void inspect_k6Zip_jsBeforeTs() throws IOException {
        assertThat(ScriptBundle.inspect(zip(entries("lib.ts", "", "main.js", "")), TestType.K6).entryScript()).isEqualTo("main.js");
    }

    @Test
    void inspect_noEntryScript_refusedNamingWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> ScriptBundle.inspect(zip(entries("readme.txt", "")), TestType.LOCUST))
                .isInstanceOf(ScriptBundle.InvalidBundleException.class).hasMessageContaining("no locustfile.py");
    }

    @Test
    void inspect_entryClimbingOut_refused() throws IOException {
        assertThatThrownBy(() -> ScriptBundle.inspect(zip(entries("plan.jmx", "", "data/../../etc/passwd", "x")), TestType.JMETER))
                .isInstanceOf(ScriptBundle.InvalidBundleException.class).hasMessageContaining("climbs out of the bundle");
    }

    @Test
    void inspect_absolutePath_refused() throws IOException {
        assertThatThrownBy(() -> ScriptBundle.inspect(zip(entries("/tmp/plan.jmx", "")), TestType.JMETER))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> ScriptBundle.inspect(zip(entries("C:\\plan.jmx", "")), TestType.JMETER))
                .hasMessageContaining("absolute path");
    }

    @Test
    void inspect_symbolicLink_refused() throws IOException {
        byte[] zip = zip(entries("plan.jmx", "", "data/link", "/etc/passwd"));
        markUnixSymlink(zip, "data/link");

        assertThatThrownBy(() -> ScriptBundle.inspect(zip, TestType.JMETER))
                .isInstanceOf(ScriptBundle.InvalidBundleException.class).hasMessageContaining("link (data/link)");
    }

    @Test
    void inspect_tooManyEntries_refused() throws IOException {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= ScriptBundle.MAX_ENTRIES; i++) many.put("f" + i + ".jmx", "");

        assertThatThrownBy(() -> ScriptBundle.inspect(zip(many), TestType.JMETER)).hasMessageContaining("more than 1000 entries");
    }

    @Test
    void inspect_zipBomb_refusedByBytesActuallyUnpacked() throws IOException {
        // 201 MB of zeros compress to about 200 KB
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("plan.jmx"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 201; i++) out.write(zeros);
            out.closeEntry();
        }

        assertThatThrownBy(() -> ScriptBundle.inspect(bytes.toByteArray(), TestType.JMETER))
                .hasMessageContaining("unpacks to more than");
    }

    @Test
    void inspect_oversizedZip_refusedBeforeReading() {
        byte[] big = new byte[(int) ScriptBundle.MAX_ZIP_BYTES + 1];

        assertThatThrownBy(() -> ScriptBundle.inspect(big, TestType.JMETER)).hasMessageContaining("at most 52428800");
    }

    @Test
    void inspect_notAZip_refused() {
        assertThatThrownBy(() -> ScriptBundle.inspect("<jmeterTestPlan/>".getBytes(StandardCharsets.UTF_8), TestType.JMETER))
                .isInstanceOf(ScriptBundle.InvalidBundleException.class).hasMessageContaining("not a zip");
    }

    @Test
    void unpack_writesEveryFileUnderTheFolder() throws IOException {
        ScriptBundle bundle = ScriptBundle.unpack(zip(entries("plan.jmx", "<p/>", "data/users.csv", "alice")), TestType.JMETER, dir);

        assertThat(dir.resolve(bundle.entryScript())).hasContent("<p/>");
        assertThat(dir.resolve("data/users.csv")).hasContent("alice");
    }

    private static Map<String, String> entries(String... nameThenContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) m.put(nameThenContent[i], nameThenContent[i + 1]);
        return m;
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Sets "made by Unix" and mode lrwxrwxrwx on the entry's central directory record, as zip -y writes links. */
    private static void markUnixSymlink(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p + 46 < zip.length; p++) {
            if (zip[p] == 0x50 && zip[p + 1] == 0x4b && zip[p + 2] == 0x01 && zip[p + 3] == 0x02) {
                int nameLength = (zip[p + 28] & 0xff) | (zip[p + 29] & 0xff) << 8;
                if (nameLength == wanted.length && new String(zip, p + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                    zip[p + 5] = 3; // version made by: Unix
                    int attributes = 0120777 << 16;
                    for (int i = 0; i < 4; i++) zip[p + 38 + i] = (byte) (attributes >>> (8 * i));
                    return;
                }
            }
        }
        throw new IllegalStateException("no central directory record for " + name);
    }
}
