package dlt.aws.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class PrimingTest {

    @Test
    void register_outsideSnapStart_isHarmlessAndCallsNothingYet() {
        AtomicInteger calls = new AtomicInteger();
        Priming priming = Priming.register("test", calls::incrementAndGet);
        assertThat(calls).hasValue(0);
        priming.beforeCheckpoint(null);
        assertThat(calls).hasValue(1);
    }

    @Test
    void beforeCheckpoint_callFails_doesNotFailTheSnapshot() {
        Priming priming = Priming.register("failing", () -> {
            throw SdkClientException.create("endpoint unreachable");
        });
        priming.beforeCheckpoint(null);
        assertThat(priming.name()).isEqualTo("failing");
    }
}
