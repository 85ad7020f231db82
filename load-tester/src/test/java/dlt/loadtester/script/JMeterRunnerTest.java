package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.core.scenario.FileType;
import dlt.core.scenario.TestType;
import dlt.loadtester.engine.RunListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterRunnerTest {

    @TempDir
    Path dir;

    @Test
    void run_planWithCsvDataSetAndTwoSamplers_recordsEverySampleUnderItsSamplerLabel() throws Exception {
        try (CountingTarget target = CountingTarget.start(0)) {
            Path plan = ScriptFixtures.copy("jmeter-csv", dir, Map.of("PORT", String.valueOf(target.port()), "LOOPS", "30"))
                    .resolve("plan.jmx");

            WorkerResult result = ScriptFixtures.run(new JMeterRunner(plan, List.of(), ScriptLoad.asWritten()), RunListener.NONE, 60);

            // 2 threads x 30 loops, each loop one login and one item view
            assertThat(result.labels().keySet()).containsExactlyInAnyOrder("login", "view item");
            LabelResult login = result.labels().get("login");
            LabelResult item = result.labels().get("view item");
            assertThat(login.requests()).isEqualTo(60).isEqualTo(target.requests("/login"));
            assertThat(item.requests()).isEqualTo(60).isEqualTo(target.requestsStartingWith("/item/"));
            assertThat(result.total().requests()).isEqualTo(120);
            // the CSV's rows were used in turn (shared by both threads): alice, bob, carol, 20 times each
            assertThat(target.users()).containsOnlyKeys("alice", "bob", "carol");
            assertThat(target.users().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(20));
            // carol's item is /item/404: a third of the item views fail as http_4xx
            assertThat(item.failures()).isEqualTo(20);
            assertThat(item.errors()).containsEntry("http_4xx", 20L);
            assertThat(item.statusCodes()).containsEntry(404, 20L).containsEntry(200, 40L);
            assertThat(login.failures()).isZero();
            assertThat(login.responseTime().getTotalCount()).isEqualTo(60);
            assertThat(result.complete()).isTrue();
        }
    }

    @Test
    void run_zippedPlanWithPluginJar_pluginSamplerRunsAndScenarioLoadReplacesThreadGroups() throws Exception {
        try (CountingTarget target = CountingTarget.start(0)) {
            byte[] zip = Zips.jmeterPluginBundle(dir, target.port());
            ScriptFiles files = ScriptFiles.prepare(zip, TestType.JMETER, FileType.ZIP, "t.zip", dir.resolve("unpacked"));
            assertThat(files.plugins()).hasSize(1);
            // the plan says 1 thread, 1 loop; the scenario says 3 users for 2 s
            ScriptLoad load = new ScriptLoad(3, 0, 2_000_000_000L, null);

            WorkerResult result = ScriptFixtures.run(new JMeterRunner(files.entryScript(), files.plugins(), load), RunListener.NONE, 60);

            assertThat(result.labels().keySet()).containsExactlyInAnyOrder("login", "greeting");
            LabelResult greeting = result.labels().get("greeting");
            // without the plugin jar on JMeter's class path the Java sampler fails every time
            assertThat(greeting.failures()).isZero();
            assertThat(greeting.requests()).isGreaterThan(3);
            assertThat(result.labels().get("login").requests()).isGreaterThan(3).isEqualTo(target.requests("/login"));
            assertThat(result.maxUsers()).isEqualTo(3);
        }
    }

    @Test
    void shares_usersSplitOverThreadGroupsByTheirThreadCounts() {
        assertThat(JMeterRunner.shares(10, new int[] {1, 1})).containsExactly(5, 5);
        assertThat(JMeterRunner.shares(10, new int[] {30, 10})).containsExactly(8, 2);
        assertThat(JMeterRunner.shares(1, new int[] {5, 5, 5})).containsExactly(1, 0, 0);
        assertThat(JMeterRunner.shares(7, new int[] {1, 1, 1})).containsExactly(3, 2, 2);
    }

    @Test
    void run_planJMeterCannotLoad_failsNamingThePlan() throws Exception {
        Path plan = java.nio.file.Files.writeString(dir.resolve("broken.jmx"), "<jmeterTestPlan><hashTree><NoSuchElement/>");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptFixtures.run(
                        new JMeterRunner(plan, List.of(), ScriptLoad.asWritten()), RunListener.NONE, 60))
                .cause().isInstanceOf(ScriptFailure.class)
                .hasMessageContaining("JMeter cannot load the plan broken.jmx");
    }
}
