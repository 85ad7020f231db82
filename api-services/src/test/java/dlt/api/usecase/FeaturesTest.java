package dlt.api.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.scenario.TestType;
import dlt.core.script.ScriptTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void forWorkers_withoutLocustOrK6_simpleAndJMeterOnly_missingNamesEachProgram() {
        Features features = Features.forWorkers(new ScriptTools(null, null), false);

        assertThat(features.testTypes()).containsExactlyInAnyOrder(TestType.SIMPLE, TestType.JMETER);
        assertThat(features.missing().get(TestType.LOCUST)).contains("locust program");
        assertThat(features.missing().get(TestType.K6)).contains("k6 program");
    }

    @Test
    void current_theWorkerImageRunsEveryType() {
        assertThat(Features.CURRENT.testTypes()).containsExactlyInAnyOrder(TestType.values());
        assertThat(Features.CURRENT.missing()).isEmpty();
    }

    @Test
    void withWorkerTools_keepsScheduling() {
        Features features = new Features(java.util.Set.of(TestType.SIMPLE), true)
                .withWorkerTools(new ScriptTools(Path.of("/usr/bin/locust"), null));

        assertThat(features.scheduling()).isTrue();
        assertThat(features.testTypes()).contains(TestType.LOCUST).doesNotContain(TestType.K6);
    }
}
