package dlt.loadtester.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.jmeter.JMeter;
import org.apache.jmeter.util.JMeterUtils;

/**
 * JMeter's global set-up, done once per JVM: a JMeter home folder holding the {@code bin/*.properties}
 * that ship in {@code ApacheJMeter_config}, JMeter's properties loaded from it, and non-GUI mode.
 * Functions ({@code ${__P(...)}}) are found through their {@code META-INF/services} entries; JMeter also
 * scans the jars of its search paths, which here is only the home's empty {@code lib/ext} (scanning
 * the command line's single shaded jar took ten seconds). JMeter keeps all this in static state,
 * which is why it is one object per JVM.
 */
final class JMeterHome {
    private static final List<String> BIN_FILES = List.of("jmeter.properties", "saveservice.properties",
            "upgrade.properties", "system.properties", "user.properties", "hc.parameters");
    private static Path home;

    private JMeterHome() {
    }

    static synchronized Path ensureInitialized() {
        if (home != null) return home;
        // JMeter logs through SLF4J 1 bindings that SLF4J 2 ignores; without this it prints its advice about that
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
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
            home = dir;
            return dir;
        } catch (IOException e) {
            throw new ScriptFailure("cannot prepare JMeter's home folder: " + e.getMessage(), e);
        }
    }
}
