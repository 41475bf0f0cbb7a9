package dev.operator.discourse.relation.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.relation.RelationSecrets;
import io.fabric8.kubernetes.api.model.Secret;

/** A PostgreSQL connection read from the user's Secret. toString never shows the password. */
public record DatabaseConnection(String host, int port, String database, String user, String password, String sslmode) {

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
        return new Ok(new DatabaseConnection(decode(data.get(ref.getHostKey())).trim(), port,
                decode(data.get(ref.getDatabaseKey())).trim(), decode(data.get(ref.getUserKey())).trim(),
                decode(data.get(ref.getPasswordKey())), sslmode));
    }

    public String endpoint() {
        return host + ":" + port + "/" + database;
    }

    public DatabaseConnection withCredentials(String otherUser, String otherPassword) {
        return new DatabaseConnection(host, port, database, otherUser, otherPassword, sslmode);
    }

    @Override
    public String toString() {
        return user + "@" + endpoint();
    }

    private static String decode(String base64) {
        return RelationSecrets.decode(base64);
    }
}
