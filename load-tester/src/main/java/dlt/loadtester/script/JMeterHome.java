package dlt.loadtester.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.jmeter.JMeter;
import org.apache.jmeter.functions.Function;
import org.apache.jmeter.util.JMeterUtils;

/**
 * JMeter's global set-up, done once per JVM: a JMeter home folder holding the {@code bin/*.properties}
 * that ship in {@code ApacheJMeter_config}, JMeter's properties loaded from it, non-GUI mode, and the
 * jars JMeter scans for functions ({@code ${__P(...)}}, {@code ${__Random(...)}}). JMeter keeps this
 * in static state, which is why it is one object per JVM.
 */
final class JMeterHome {
    private static final List<String> BIN_FILES = List.of("jmeter.properties", "saveservice.properties",
            "upgrade.properties", "system.properties", "user.properties", "hc.parameters");
    private static Path home;

    private JMeterHome() {
    }

    static synchronized Path ensureInitialized() {
        if (home != null) return home;
        try {
            Path dir = Files.createTempDirectory("dlt-jmeter-home");
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib").resolve("ext"));
            for (String file : BIN_FILES) {
                try (InputStream in = JMeterHome.class.getClassLoader().getResourceAsStream("bin/" + file)) {
                    if (in == null) throw new ScriptFailure("JMeter's bin/" + file + " is not on the classpath (ApacheJMeter_config)");
                    Files.copy(in, bin.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty(JMeter.JMETER_NON_GUI, "true");
            JMeterUtils.setJMeterHome(dir.toString());
            JMeterUtils.loadJMeterProperties(bin.resolve("jmeter.properties").toString());
            JMeterUtils.initLocale();
            // a test that cannot stop its threads must not end the worker's (or the CLI's) JVM
            JMeterUtils.setProperty("jmeterengine.stopfail.system.exit", "false");
            JMeterUtils.setProperty("jmeterengine.force.system.exit", "false");
            JMeterUtils.setProperty("jmeter.save.saveservice.autoflush", "false");
            JMeterUtils.setProperty("search_paths", String.join(";", functionJars()));
            home = dir;
            return dir;
        } catch (IOException e) {
            throw new ScriptFailure("cannot prepare JMeter's home folder: " + e.getMessage(), e);
        }
    }

    /** Where JMeter's function classes are: its jars, or the one shaded jar of the command line. */
    private static List<String> functionJars() {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : List.of(Function.class, org.apache.jmeter.functions.Random.class)) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null) continue;
            try {
                String path = Path.of(source.getLocation().toURI()).toString();
                if (!jars.contains(path)) jars.add(path);
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // a code source that is not a file (unusual class loaders): functions then come from lib/ext only
            }
        }
        return jars;
    }
}
