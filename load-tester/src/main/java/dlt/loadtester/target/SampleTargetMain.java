package dlt.loadtester.target;

import java.util.concurrent.CountDownLatch;

/** Runs the sample target alone: {@code SampleTargetMain [PORT]} (default 0, a free port). */
public final class SampleTargetMain {
  private SampleTargetMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = args.length == 0 ? 0 : Integer.parseInt(args[0]);
      if (args.length > 1 || port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      System.err.println("usage: SampleTargetMain [PORT]   (0..65535, default 0 = a free port)");
      System.exit(2);
      return;
    }
    SampleTarget target = SampleTarget.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      target.close();
      stopped.countDown();
    }, "sample-target-stop"));
    System.out.println("sample target on " + target.baseUri());
    System.out.flush();
    stopped.await();
  }
}
