package dlt.loadtester.target;

import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The status mix of {@code GET /flaky}: about 5% 500, 2% 503, the rest 200. Seeded, so the same
 * sequence of requests to a fresh target always sees the same statuses.
 */
final class FlakyStatuses {
  static final double SERVER_ERROR_SHARE = 0.05;
  static final double UNAVAILABLE_SHARE = 0.02;

  private final SplittableRandom random;
  private final ReentrantLock lock = new ReentrantLock();

  FlakyStatuses(long seed) {
    this.random = new SplittableRandom(seed);
  }

  int next() {
    double draw;
    lock.lock();
    try {
      draw = random.nextDouble();
    } finally {
      lock.unlock();
    }
    if (draw < SERVER_ERROR_SHARE) {
      return 500;
    }
    if (draw < SERVER_ERROR_SHARE + UNAVAILABLE_SHARE) {
      return 503;
    }
    return 200;
  }
}
