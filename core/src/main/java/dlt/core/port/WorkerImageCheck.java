package dlt.core.port;

/**
 * Is the worker image there to run? On AWS: the load-tester container image (ECR DescribeImages for a
 * private repository; a public image is taken as there). Locally: the worker jar is built.
 */
public interface WorkerImageCheck {

    /** What was found; when {@code available} is false, {@code reason} tells a user what to do about it. */
    ImageStatus check();

    /** @param location {@code ecr}, {@code public} or {@code local}; null when not found */
    record ImageStatus(String image, boolean available, String location, String reason) {
        public static ImageStatus found(String image, String location) {
            return new ImageStatus(image, true, location, null);
        }

        public static ImageStatus missing(String image, String reason) {
            return new ImageStatus(image, false, null, reason);
        }
    }
}
