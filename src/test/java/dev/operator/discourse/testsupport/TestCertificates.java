package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway CA and a server certificate it signed for 127.0.0.1, made with the machine's openssl: what a
 * database operator such as CloudNativePG hands out as its CA Secret and server certificate.
 */
public record TestCertificates(Path dir, Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static TestCertificates create(Path dir, String ipAddress) {
        Path log = dir.resolve("openssl.log");
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Path ext = dir.resolve("server.ext");
        try {
            Files.createDirectories(dir);
            Files.writeString(ext, "subjectAltName=IP:" + ipAddress + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestProcesses.run(TIMEOUT, log, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=discourse-test-ca"));
        TestProcesses.run(TIMEOUT, log, List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", csr.toString(), "-subj", "/CN=" + ipAddress));
        TestProcesses.run(TIMEOUT, log, List.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile",
                ext.toString()));
        return new TestCertificates(dir, ca, cert, key);
    }

    public String caPem() {
        try {
            return Files.readString(caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
