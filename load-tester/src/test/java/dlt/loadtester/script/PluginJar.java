package dlt.loadtester.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.jmeter.protocol.java.sampler.AbstractJavaSamplerClient;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jorphan.collections.HashTree;

/** Builds the test's JMeter plugin jar: compiles {@code dlt.plugin.Greeting} (a Java sampler) and jars it. */
public final class PluginJar {
    public static final String SAMPLER_CLASS = "dlt.plugin.Greeting";

    private PluginJar() {
    }

    public static byte[] build(Path workDir) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src/dlt/plugin"));
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        try (InputStream in = PluginJar.class.getResourceAsStream("/scripts/jmeter-plugin-src/Greeting.java.txt")) {
            Files.write(src.resolve("Greeting.java"), in.readAllBytes());
        }
        String classpath = String.join(java.io.File.pathSeparator, Stream.of(AbstractJavaSamplerClient.class,
                SampleResult.class, HashTree.class).map(PluginJar::jarOf).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "--release", "21", "-proc:none", "-cp", classpath, "-d", classes.toString(),
                src.resolve("Greeting.java").toString());
        if (status != 0) throw new IllegalStateException("the plugin does not compile: " + errors.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            for (Path file : List.of(classes.resolve("dlt/plugin/Greeting.class"))) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar.toByteArray();
    }

    private static String jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
