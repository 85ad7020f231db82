package dlt.core.threshold;

import java.util.List;

/** A run's threshold verdict: passed when every rule passed. */
public record ThresholdVerdict(boolean passed, List<ThresholdResult> results) {
  public ThresholdVerdict {
    results = List.copyOf(results);
  }

  public static ThresholdVerdict of(List<ThresholdResult> results) {
    return new ThresholdVerdict(results.stream().allMatch(ThresholdResult::passed), results);
  }
}
