package dlt.loadtester.script;

import dlt.core.scenario.FileType;
import dlt.core.scenario.TestType;
import dlt.core.script.ScriptBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A script ready to run: the folder it was placed or unpacked in, the entry script, and (JMeter) the
 * plugin jars of a bundle.
 */
public record ScriptFiles(Path directory, Path entryScript, List<Path> plugins) {

    public ScriptFiles {
        plugins = List.copyOf(plugins);
    }

    /**
     * Writes an uploaded script, or checks and unpacks an uploaded zip, into {@code directory}.
     *
     * @param fileName the plain script's name (its extension tells k6's .js from .ts); ignored for zips
     * @throws ScriptBundle.InvalidBundleException when a zip breaks a bundle rule
     */
    public static ScriptFiles prepare(byte[] content, TestType type, FileType fileType, String fileName, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        if (fileType == FileType.ZIP) {
            ScriptBundle bundle = ScriptBundle.unpack(content, type, directory);
            return new ScriptFiles(directory, directory.resolve(bundle.entryScript()),
                    bundle.plugins().stream().map(directory::resolve).toList());
        }
        String name = Path.of(fileName).getFileName().toString();
        Path script = directory.resolve(name);
        Files.write(script, content);
        return new ScriptFiles(directory, script, List.of());
    }

    /** A script already on disk (the command line): its folder is where relative data files resolve. */
    public static ScriptFiles local(Path script) {
        Path absolute = script.toAbsolutePath().normalize();
        return new ScriptFiles(absolute.getParent(), absolute, List.of());
    }
}
