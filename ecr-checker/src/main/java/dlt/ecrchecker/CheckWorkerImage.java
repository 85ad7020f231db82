package dlt.ecrchecker;

import dlt.core.port.WorkerImageCheck;
import dlt.core.port.WorkerImageCheck.ImageStatus;
import dlt.core.run.workflow.ImageCheck;
import dlt.core.run.workflow.RunFailedException;

/** The first state of a run: the workers' image (or, locally, jar) is there, or the run fails saying what to do. */
public final class CheckWorkerImage {

    private final WorkerImageCheck imageCheck;

    public CheckWorkerImage(WorkerImageCheck imageCheck) {
        this.imageCheck = imageCheck;
    }

    /** @throws RunFailedException with the reason when the image is not there */
    public ImageCheck.Result check(ImageCheck command) {
        ImageStatus status = imageCheck.check();
        if (!status.available()) {
            throw new RunFailedException(status.reason() == null
                    ? "the load-tester image " + status.image() + " is not available" : status.reason());
        }
        return new ImageCheck.Result(status.image(), status.location());
    }
}
