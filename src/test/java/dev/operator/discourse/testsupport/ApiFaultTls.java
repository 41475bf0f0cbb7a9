package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.fabric8.kubernetes.client.Config;

/**
 * The proxy's TLS: a self-signed certificate for 127.0.0.1 that it serves (made by the JDK's keytool, since the
 * JDK has no public API to make one; once per JVM), and the trust it needs towards the real API server (the CA
 * the server's kubeconfig names). Clients of the proxy verify its certificate like any other: the kubeconfig it
 * writes names the certificate as the cluster's CA.
 */
final class ApiFaultTls {

    private static final String ALIAS = "api-fault-proxy";
    private static ApiFaultTls generated;

    final SSLContext server;
    /** The served certificate as PEM, also the CA a client must trust. */
    final String certificatePem;

    private ApiFaultTls(SSLContext server, String certificatePem) {
        this.server = server;
        this.certificatePem = certificatePem;
    }

    static synchronized ApiFaultTls selfSigned() {
        if (generated == null) {
            generated = generate();
        }
        return generated;
    }

    /** A client context that trusts the proxy's certificate, for tests that speak HTTP to it themselves. */
    SSLContext clientTrustingProxy() {
        return PemTrust.context(certificatePem.getBytes(StandardCharsets.US_ASCII));
    }

    /** A client context that trusts the CA of the upstream kubeconfig (a file or inline data). */
    static SSLContext trustingUpstream(Config upstream) {
        try {
            byte[] pem;
            if (upstream.getCaCertData() != null && !upstream.getCaCertData().isBlank()) {
                pem = Base64.getDecoder().decode(upstream.getCaCertData().trim());
            } else if (upstream.getCaCertFile() != null) {
                pem = Files.readAllBytes(Path.of(upstream.getCaCertFile()));
            } else {
                throw new IllegalStateException("the upstream kubeconfig names no CA; the proxy trusts none blindly");
            }
            return PemTrust.context(pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiFaultTls generate() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("api-fault-proxy-tls-");
            Path store = dir.resolve("proxy.p12");
            // The password only guards a file deleted right after it is read.
            String password = "api-fault-proxy";
            TestProcesses.run(Duration.ofSeconds(60), dir.resolve("keytool.log"), List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=api-fault-proxy", "-ext", "san=ip:127.0.0.1,dns:localhost",
                    "-validity", "30", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password, "-noprompt"));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new ApiFaultTls(context, pem(keys.getCertificate(ALIAS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the proxy's certificate", e);
        } finally {
            if (dir != null) {
                TestProcesses.deleteRecursively(dir);
            }
        }
    }

    private static String pem(Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
