package dlt.local.workflow;

import dlt.core.port.WorkerImageCheck;
import java.io.File;

/** Locally the worker "image" is the classpath the process launcher starts workers with: it must exist. */
public final class LocalWorkerImageCheck implements WorkerImageCheck {
    private final String classpath;

    public LocalWorkerImageCheck(String classpath) {
        this.classpath = classpath;
    }

    @Override
    public ImageStatus check() {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank() && !new File(entry).exists()) {
                return ImageStatus.missing(classpath, "the worker classpath entry " + entry
                        + " does not exist; build dlt first (./dlt build)");
            }
        }
        String image = "worker classpath (" + classpath.split(File.pathSeparator).length + " entries)";
        return classpath.isBlank() ? ImageStatus.missing(image, "no worker classpath is configured")
                : ImageStatus.found(image, "local");
    }
}
