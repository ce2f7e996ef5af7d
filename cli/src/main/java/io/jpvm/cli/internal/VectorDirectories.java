package io.jpvm.cli.internal;

import io.jpvm.conformance.VectorLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where the w3f vectors are when no directory is given: {@link VectorLoader#defaultDirectory()}
 * (the {@code jpvm.vectors.dir} property, else relative to the working directory), and when that
 * does not exist, the shared checkout beside the repository found from this jar's location
 * ({@code <repo>/cli/target/jpvm.jar} → {@code <repo>/../shared/vectors/pvm/w3f-v0.4/programs}).
 */
final class VectorDirectories {
    private static final Path FROM_JAR_DIR = Path.of("..", "..", "..", "shared", "vectors", "pvm", "w3f-v0.4",
            "programs");

    private VectorDirectories() {}

    static Path defaultDirectory() {
        Path dflt = VectorLoader.defaultDirectory();
        if (Files.isDirectory(dflt)) {
            return dflt;
        }
        Path jarDir = codeLocationDirectory();
        if (jarDir != null) {
            Path candidate = jarDir.resolve(FROM_JAR_DIR).normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return dflt;
    }

    /** The directory holding this jar (or, when run from classes, the classes directory's parent's child). */
    private static Path codeLocationDirectory() {
        try {
            CodeSource cs = VectorDirectories.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            Path loc = Path.of(cs.getLocation().toURI()).toAbsolutePath();
            // cli/target/jpvm.jar → cli/target; cli/target/classes → cli/target as well
            return loc.getParent();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
