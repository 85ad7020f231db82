package dlt.cli;

import dlt.core.time.DltDuration;
import picocli.CommandLine;

/** Reads duration flags with the one duration parser the whole product uses. */
final class Durations implements CommandLine.ITypeConverter<DltDuration> {
    @Override
    public DltDuration convert(String value) {
        try {
            return DltDuration.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static long nanos(DltDuration d) {
        return d.toMillis() * 1_000_000L;
    }
}
