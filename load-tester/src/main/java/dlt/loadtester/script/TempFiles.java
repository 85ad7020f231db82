package dlt.loadtester.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the folders script runs write (unpacked bundles, hook files, tool output) once a run is over. */
public final class TempFiles {
    private TempFiles() {
    }

    /** Deletes {@code directory} and everything in it; what cannot be deleted stays (the OS cleans temp folders). */
    public static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) return;
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // left for the OS's temp cleaning; a run's result does not depend on it
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
