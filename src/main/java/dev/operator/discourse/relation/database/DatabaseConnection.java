package dev.operator.discourse.relation.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.relation.RelationSecrets;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * A PostgreSQL connection read from the user's Secret, with the CA certificate (PEM, empty when none) that the
 * verifying sslmodes need. toString never shows the password.
 */
public record DatabaseConnection(String host, int port, String database, String user, String password, String sslmode,
        String caCertificate) {

    /** libpq's sslmodes; anything else makes libpq refuse to connect. */
    public static final List<String> SSLMODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    public DatabaseConnection(String host, int port, String database, String user, String password, String sslmode) {
        this(host, port, database, user, password, sslmode, "");
    }

    /** What is wrong with the Secret, or the connection it holds. */
    public sealed interface Parsed permits Ok, Invalid {
    }

    public record Ok(DatabaseConnection connection) implements Parsed {
    }

    public record Invalid(String message) implements Parsed {
    }

    public static Parsed from(Secret secret, ConnectionSecretRef ref) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        List<String> missing = new ArrayList<>();
        for (String key : List.of(ref.getHostKey(), ref.getPortKey(), ref.getDatabaseKey(), ref.getUserKey(),
                ref.getPasswordKey())) {
            if (!data.containsKey(key) || decode(data.get(key)).isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            return new Invalid("Secret " + ref.getName() + " lacks " + String.join(", ", missing));
        }
        int port;
        try {
            port = Integer.parseInt(decode(data.get(ref.getPortKey())).trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            return new Invalid("Secret " + ref.getName() + " key " + ref.getPortKey() + " is not a port number");
        }
        String sslmode = data.containsKey(ref.getSslmodeKey()) ? decode(data.get(ref.getSslmodeKey())).trim() : "";
        if (!sslmode.isEmpty() && !SSLMODES.contains(sslmode)) {
            return new Invalid("Secret " + ref.getName() + " key " + ref.getSslmodeKey() + " is '" + sslmode
                    + "', not one of libpq's sslmodes " + String.join(", ", SSLMODES));
        }
        return new Ok(new DatabaseConnection(decode(data.get(ref.getHostKey())).trim(), port,
                decode(data.get(ref.getDatabaseKey())).trim(), decode(data.get(ref.getUserKey())).trim(),
                decode(data.get(ref.getPasswordKey())), sslmode));
    }

    /** The modes in which libpq checks the server's certificate against a CA, and so needs one. */
    public boolean verifiesServer() {
        return sslmode.equals("verify-ca") || sslmode.equals("verify-full");
    }

    public DatabaseConnection withCaCertificate(String pem) {
        return new DatabaseConnection(host, port, database, user, password, sslmode, pem);
    }

    public String endpoint() {
        return host + ":" + port + "/" + database;
    }

    public DatabaseConnection withCredentials(String otherUser, String otherPassword) {
        return new DatabaseConnection(host, port, database, otherUser, otherPassword, sslmode, caCertificate);
    }

    @Override
    public String toString() {
        return user + "@" + endpoint();
    }

    private static String decode(String base64) {
        return RelationSecrets.decode(base64);
    }
}
