package dlt.loadtester.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadModelTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startOffsetNanos_rampUp_usersStartEvenlySpaced() {
        LoadModel.Closed model = new LoadModel.Closed(4, 4 * SECOND, 10 * SECOND, 0);

        assertThat(model.startOffsetNanos(0)).isZero();
        assertThat(model.startOffsetNanos(1)).isEqualTo(SECOND);
        assertThat(model.startOffsetNanos(2)).isEqualTo(2 * SECOND);
        assertThat(model.startOffsetNanos(3)).isEqualTo(3 * SECOND);
        assertThat(model.durationNanos()).isEqualTo(14 * SECOND);
    }

    @Test
    void startOffsetNanos_noRampUp_everyoneAtOnce() {
        LoadModel.Closed model = new LoadModel.Closed(50, 0, SECOND, 0);

        for (int i = 0; i < 50; i++) assertThat(model.startOffsetNanos(i)).isZero();
        assertThat(model.usersAt(0)).isEqualTo(50);
    }

    @Test
    void usersAt_duringRampUp_countsUsersAlreadyStarted() {
        LoadModel.Closed model = new LoadModel.Closed(4, 4 * SECOND, 10 * SECOND, 0);

        assertThat(model.usersAt(-1)).isZero();
        assertThat(model.usersAt(0)).isEqualTo(1);
        assertThat(model.usersAt(SECOND - 1)).isEqualTo(1);
        assertThat(model.usersAt(SECOND)).isEqualTo(2);
        assertThat(model.usersAt(3 * SECOND + SECOND / 2)).isEqualTo(4);
        assertThat(model.usersAt(4 * SECOND)).isEqualTo(4);
        assertThat(model.usersAt(13 * SECOND)).isEqualTo(4);
    }

    @Test
    void usersAt_justAfterEachUsersStart_includesThatUser() {
        LoadModel.Closed model = new LoadModel.Closed(7, 3 * SECOND, SECOND, 0);

        for (int i = 0; i < 7; i++) {
            long start = model.startOffsetNanos(i);
            assertThat(model.usersAt(start + 1_000)).as("user %d starting at %d", i, start).isEqualTo(i + 1);
            if (i > 0) assertThat(model.usersAt(start - 1_000)).as("before user %d", i).isEqualTo(i);
        }
    }

    @Test
    void closed_badValues_refused() {
        assertThatThrownBy(() -> new LoadModel.Closed(0, 0, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadModel.Closed(1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadModel.Closed(1, -1, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
