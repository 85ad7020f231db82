package dlt.core.threshold;

import java.util.List;
import java.util.stream.Collectors;

/** Every rule of a thresholds object that does not parse, collected so a user fixes all at once. */
public final class InvalidThresholdsException extends IllegalArgumentException {
  private final transient List<ThresholdError> errors;

  InvalidThresholdsException(List<ThresholdError> errors) {
    super(errors.stream()
        .map(error -> "threshold " + error.key() + " \"" + error.expression() + "\": " + error.message())
        .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<ThresholdError> errors() {
    return errors;
  }
}
