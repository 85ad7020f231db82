package dlt.core.result;

import java.util.Map;

/** A label's counts, which a merge sums the same way whether the label was read whole or for merging. */
interface LabelCounts {
  long requests();

  long successes();

  long failures();

  Map<Integer, Long> statusCodes();

  Map<String, Long> errors();

  long bytesSent();

  long bytesReceived();

  long checksPassed();

  long checksFailed();
}
