package dev.operator.discourse.relation.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The PostgreSQL driver reads a CA certificate only from a file, so each distinct certificate is written once,
 * named by its digest, into a private temporary folder. A CA is public: nothing secret lands on disk.
 */
final class CaFiles {

    private static Path dir;

    private CaFiles() {
    }

    static synchronized Path pathOf(String pem) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("discourse-operator-ca-");
                dir.toFile().deleteOnExit();
            }
            Path file = dir.resolve(digest(pem) + ".crt");
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(dir, "ca-", ".tmp");
                Files.writeString(tmp, pem, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CA certificate for the database check", e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
