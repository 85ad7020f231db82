package dlt.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.port.contract.ContractFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalAwsTest {

    @Test
    void fresh_twice_givesSeparateWorkingTablesAndBuckets() {
        try (LocalAws aws = LocalAws.start()) {
            LocalAws.Resources first = aws.fresh();
            LocalAws.Resources second = aws.fresh();
            first.scenarios().put(ContractFixtures.stored("t1"));
            first.runs().create(ContractFixtures.run("t1", "r1", ContractFixtures.T0));
            first.objects().put("a", "x".getBytes(StandardCharsets.UTF_8), "text/plain");

            assertThat(first.scenarios().find("t1")).isPresent();
            assertThat(first.runs().find("t1", "r1")).isPresent();
            assertThat(second.scenarios().find("t1")).isEmpty();
            assertThat(second.runs().listAll("t1")).isEmpty();
            assertThat(second.objects().list("")).isEmpty();
        }
    }
}
