package dlt.loadtester.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips for tests: entries in the order given. */
public final class Zips {
    private Zips() {
    }

    public static byte[] of(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The JMeter plugin fixture: plan.jmx, data/users.csv and plugins/greeting.jar. */
    public static byte[] jmeterPluginBundle(Path workDir, int port) throws IOException {
        Path plan = ScriptFixtures.copy("jmeter-plugin", workDir.resolve("fixture"), Map.of("PORT", String.valueOf(port)));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("plan.jmx", Files.readAllBytes(plan.resolve("plan.jmx")));
        try (Stream<Path> csv = Stream.of(ScriptFixtures.copy("jmeter-csv", workDir.resolve("csv"), Map.of()).resolve("data/users.csv"))) {
            entries.put("data/users.csv", Files.readAllBytes(csv.findFirst().orElseThrow()));
        }
        entries.put("plugins/greeting.jar", PluginJar.build(workDir.resolve("plugin")));
        return of(entries);
    }
}
