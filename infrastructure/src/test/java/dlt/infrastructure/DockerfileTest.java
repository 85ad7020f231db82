package dlt.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The load-tester image cannot be built here (no Docker): its Dockerfile is checked instead. It must start
 * from Amazon Corretto 21, copy the jar the build makes, and run the worker entrypoint that is in that jar.
 */
class DockerfileTest {

    static final Path CONTEXT = SamTemplate.DIR.resolve("../load-tester").normalize();

    static List<String> instructions() throws IOException {
        return Files.readAllLines(CONTEXT.resolve("Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void image_isCorretto21() throws IOException {
        assertThat(instructions().get(0)).matches("FROM public\\.ecr\\.aws/amazoncorretto/amazoncorretto:21[-a-z0-9]*");
    }

    @Test
    void copiedJar_isTheOneTheBuildMakes_andHoldsTheEntrypointClass() throws Exception {
        String copy = instructions().stream().filter(l -> l.startsWith("COPY ")).findFirst().orElseThrow();
        String[] parts = copy.split("\\s+");
        Path jar = CONTEXT.resolve(parts[1]);
        assertThat(jar).as("built by ./dlt build (load-tester's shaded jar)").exists();
        String inImage = parts[2];

        String entrypoint = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        Matcher exec = Pattern.compile("ENTRYPOINT \\[\"java\", \"-cp\", \"([^\"]+)\", \"([A-Za-z0-9_.]+)\"]")
                .matcher(entrypoint);
        assertThat(exec.matches()).as("exec form (signals reach the JVM): " + entrypoint).isTrue();
        assertThat(exec.group(1)).isEqualTo(inImage);
        String mainClass = exec.group(2);
        assertThat(mainClass).isEqualTo("dlt.loadtester.worker.WorkerMain");

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry(mainClass.replace('.', '/') + ".class")).isNotNull();
            // the worker talks to S3 itself: the SDK must be inside, since nothing else is on the class path
            assertThat(file.getEntry("software/amazon/awssdk/services/s3/S3Client.class")).isNotNull();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        }
    }

    @Test
    void locustAndK6_areWhereTheApiExpectsThem_soEveryTestTypeItOffersRuns() throws IOException {
        dlt.core.script.ScriptTools image = dlt.core.script.ScriptTools.containerImage();
        String dockerfile = String.join("\n", instructions());
        assertThat(image.locust()).isNotNull();
        assertThat(image.k6()).isNotNull();
        assertThat(dockerfile).contains("pip3 install").contains("locust==").contains("test -x " + image.locust());
        assertThat(instructions()).anyMatch(line -> line.matches("COPY --from=grafana/k6:[0-9.]+ \\S+ " + image.k6()));
    }

    @Test
    void theTaskDefinitionRunsTheImageTheStackIsGiven() throws IOException {
        SamTemplate template = SamTemplate.load("template.yaml");
        Object containers = SamTemplate.properties(SamTemplate.map(template.resources().get("TaskDefinition")))
                .get("ContainerDefinitions");
        assertThat(SamTemplate.map(SamTemplate.list(containers).get(0)).get("Image"))
                .isEqualTo(java.util.Map.of("Ref", "LoadTesterImageUri"));
    }
}
