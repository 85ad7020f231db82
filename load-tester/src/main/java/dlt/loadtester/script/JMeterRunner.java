package dlt.loadtester.script;

import dlt.loadtester.engine.SampleRecorder;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.jmeter.JMeter;
import org.apache.jmeter.control.Controller;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

/**
 * Runs a JMeter test plan in this JVM with the Apache JMeter engine, non-GUI. With a {@link ScriptLoad}
 * that {@linkplain ScriptLoad#overridesScript() overrides} the plan, every plain thread group gets a
 * share of the users (in proportion to its own thread count; its own count when no users are given),
 * the ramp-up, and runs for ramp-up plus hold-for, looping forever; setUp and tearDown thread groups
 * run as written. Otherwise the plan's
 * thread groups run as written. Relative file names (CSV data sets) resolve from the plan's folder;
 * {@code plugins} jars join the class path of the plan's threads.
 */
public final class JMeterRunner implements ScriptRunner {
    /** Beyond its planned end, a run gets this long to finish its last samples before it is stopped. */
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final Path plan;
    private final List<Path> plugins;
    private final ScriptLoad load;
    private final Object lock = new Object();
    private StandardJMeterEngine engine;
    private boolean stopRequested;

    public JMeterRunner(Path plan, List<Path> plugins, ScriptLoad load) {
        this.plan = plan.toAbsolutePath();
        this.plugins = List.copyOf(plugins);
        this.load = load;
    }

    @Override
    public void run(SampleRecorder recorder) throws InterruptedException {
        JMeterHome.ensureInitialized();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader pluginLoader = new URLClassLoader("dlt-jmeter-plugins", urls(plugins), JMeterRunner.class.getClassLoader())) {
            // JMeter's threads inherit this loader, and XStream and the Java sampler load plan classes through it
            Thread.currentThread().setContextClassLoader(pluginLoader);
            HashTree tree = load();
            if (load.overridesScript()) applyLoad(tree);
            tree.add(tree.getArray()[0], new JMeterSampleListener(recorder));
            StandardJMeterEngine started = new StandardJMeterEngine();
            synchronized (lock) {
                if (stopRequested) return;
                engine = started;
            }
            started.configure(tree);
            Thread deadline = load.overridesScript() ? stopAt(started, load.totalSeconds() * 1000 + STOP_GRACE_MILLIS) : null;
            try {
                started.run(); // returns once every thread group has finished
            } finally {
                if (deadline != null) deadline.interrupt();
                FileServer.getFileServer().closeFiles();
            }
        } catch (IOException e) {
            throw new ScriptFailure("cannot close the plugin class loader: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private HashTree load() {
        HashTree tree;
        try {
            FileServer.getFileServer().setBaseForScript(plan.toFile());
            tree = SaveService.loadTree(plan.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ScriptFailure("JMeter cannot load the plan " + plan.getFileName() + ": " + rootMessage(e), e);
        }
        if (tree == null || tree.isEmpty()) throw new ScriptFailure("the plan " + plan.getFileName() + " is empty");
        JMeter.convertSubTree(tree, false);
        SearchByClass<AbstractThreadGroup> groups = new SearchByClass<>(AbstractThreadGroup.class);
        tree.traverse(groups);
        if (groups.getSearchResults().isEmpty()) {
            throw new ScriptFailure("the plan " + plan.getFileName() + " has no enabled thread group");
        }
        return tree;
    }

    /** The scenario's load, shared out over the plain thread groups (largest remainder, in plan order). */
    private void applyLoad(HashTree tree) {
        List<ThreadGroup> groups = threadGroups(tree);
        if (groups.isEmpty()) {
            throw new ScriptFailure("the plan " + plan.getFileName() + " has no plain thread group to apply "
                    + "concurrency, ramp-up and hold-for to");
        }
        int[] own = groups.stream().mapToInt(g -> Math.max(1, g.getNumThreads())).toArray();
        // no user count given (dlt run plan.jmx --duration 1m): each group keeps its own thread count
        int[] shares = load.users() == null ? own : shares(load.users(), own);
        int rampSeconds = (int) ScriptLoad.seconds(load.rampUpNanos());
        for (int i = 0; i < groups.size(); i++) {
            ThreadGroup group = groups.get(i);
            group.setNumThreads(shares[i]);
            group.setRampUp(rampSeconds);
            group.setScheduler(true);
            group.setDelay(0);
            group.setDuration(load.totalSeconds());
            Controller controller = group.getSamplerController();
            if (controller instanceof LoopController loop) {
                loop.setLoops(LoopController.INFINITE_LOOP_COUNT);
                loop.setContinueForever(true);
            }
        }
    }

    /** {@code users} split in proportion to {@code weights}; shares add up to {@code users} exactly. */
    static int[] shares(int users, int[] weights) {
        long sum = 0;
        for (int w : weights) sum += w;
        int[] shares = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = (double) users * weights[i] / sum;
            shares[i] = (int) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        while (given < users) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) if (remainders[i] > remainders[best]) best = i;
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        return shares;
    }

    private static List<ThreadGroup> threadGroups(HashTree tree) {
        SearchByClass<ThreadGroup> search = new SearchByClass<>(ThreadGroup.class);
        tree.traverse(search);
        Collection<ThreadGroup> found = search.getSearchResults();
        List<ThreadGroup> plain = new ArrayList<>();
        // setUp and tearDown thread groups are ThreadGroup subclasses: they prepare and clean up, as written
        for (ThreadGroup g : found) if (g.getClass() == ThreadGroup.class && g.isEnabled()) plain.add(g);
        return plain;
    }

    private Thread stopAt(StandardJMeterEngine target, long afterMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(afterMillis);
                target.stopTest(true);
            } catch (InterruptedException e) {
                // the plan ended in time
            }
        }, "dlt-jmeter-deadline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void stop() {
        StandardJMeterEngine running;
        synchronized (lock) {
            stopRequested = true;
            running = engine;
        }
        if (running != null) running.stopTest(true);
    }

    @Override
    public long plannedNanos() {
        return load.overridesScript() ? load.totalSeconds() * 1_000_000_000L : 0;
    }

    @Override
    public String describe() {
        return "JMeter plan " + plan.getFileName() + (load.overridesScript()
                ? " with " + (load.users() == null ? "its own thread counts" : load.users() + " threads") + ", ramp-up " + ScriptLoad.seconds(load.rampUpNanos())
                + " s, for " + load.totalSeconds() + " s"
                : " with its own thread groups") + (plugins.isEmpty() ? "" : ", " + plugins.size() + " plugin jar(s)");
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ScriptFailure("plugin jar " + jars.get(i) + " has no URL", e);
            }
        }
        return urls;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
