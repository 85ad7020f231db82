package dlt.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DltDurationTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, 250",
        "30s, 30000",
        "30, 30000",
        "5m, 300000",
        "2h, 7200000",
        "1d, 86400000",
        "0s, 0"
    })
    void parse_everyUnit_givesMillis(String text, long millis) {
        assertThat(DltDuration.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600000ms", "3600s", "1440m", "168h", "30d"})
    void parse_atUnitLimit_isAccepted(String text) {
        assertThat(DltDuration.parse(text).toMillis()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600001ms", "3601s", "3601", "1441m", "169h", "31d", "99999999999999999999h"})
    void parse_overUnitLimit_throwsNamingTheLimit(String text) {
        assertThatThrownBy(() -> DltDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5 m", "-5m", "5M", "1h30m", "1.5h", "m", "5w", " 5m", "five minutes"})
    void parse_badText_throwsNamingTheRule(String text) {
        assertThatThrownBy(() -> DltDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ms, s, m, h or d");
    }

    @ParameterizedTest
    @CsvSource({
        "5m, 5m",
        "300s, 5m",
        "90s, 90s",
        "60m, 1h",
        "48h, 2d",
        "1500ms, 1500ms",
        "120, 2m",
        "0m, 0s"
    })
    void toString_anyDuration_givesCanonicalTextThatParsesBack(String text, String canonical) {
        DltDuration duration = DltDuration.parse(text);
        assertThat(duration).hasToString(canonical);
        assertThat(DltDuration.parse(duration.toString())).isEqualTo(duration);
    }

    @Test
    void conversions_twoHours_agreeWithJavaTime() {
        DltDuration twoHours = DltDuration.parse("2h");
        assertThat(twoHours.toSeconds()).isEqualTo(7200);
        assertThat(twoHours.toJava()).isEqualTo(Duration.ofHours(2));
        assertThat(DltDuration.ZERO.plus(twoHours)).isEqualTo(DltDuration.ofSeconds(7200));
    }
}
