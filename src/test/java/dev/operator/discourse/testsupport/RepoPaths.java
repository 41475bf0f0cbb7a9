package dev.operator.discourse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root, so caches under {@code .cache/} are found from Maven, an IDE or a submodule. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** The nearest directory at or above the working directory that holds {@code scripts/setup-test-env.sh}. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/setup-test-env.sh"))) {
                return dir;
            }
        }
        // e.g. a copied module without scripts/: behave like Surefire's default working directory
        return start;
    }
}
