package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
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
}
