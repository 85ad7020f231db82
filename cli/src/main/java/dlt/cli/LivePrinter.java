package dlt.cli;

import dlt.core.live.LiveLine;
import dlt.loadtester.engine.RunListener;
import java.io.PrintStream;

/** {@code --live}: each finished second as a live line on stdout, the format workers feed to the live graphs. */
final class LivePrinter implements RunListener {
    private final PrintStream out;
    private final RunListener next;

    LivePrinter(PrintStream out, RunListener next) {
        this.out = out;
        this.next = next;
    }

    @Override
    public void onSecond(LiveLine second) {
        out.println(second.toJson());
        out.flush();
        next.onSecond(second);
    }

    @Override
    public void onProgress(Progress progress) {
        next.onProgress(progress);
    }
}
