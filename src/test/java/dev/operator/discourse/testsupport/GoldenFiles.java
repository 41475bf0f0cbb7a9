package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered objects with files under src/test/resources/golden. Run with -Dgolden.update=true to
 * rewrite them, then review the diff like any other change; a missing file fails instead of being created.
 */
public final class GoldenFiles {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
            assertThat(actual).as("rendered %s differs from its golden file; rerun with -Dgolden.update=true "
                    + "if the change is intended", name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
