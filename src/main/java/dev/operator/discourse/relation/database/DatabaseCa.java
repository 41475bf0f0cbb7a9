package dev.operator.discourse.relation.database;

import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.relation.RelationSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The CA certificate of a relation's spec.caSecretRef. libpq in the pods and the operator's own check both need
 * it for the verifying sslmodes; without it they could not connect, so a verifying mode without one is refused.
 */
final class DatabaseCa {

    sealed interface Read permits Found, Missing {
    }

    /** The connection, carrying the CA when one is named. */
    record Found(DatabaseConnection connection) implements Read {
    }

    record Missing(String reason, String message) implements Read {
    }

    private DatabaseCa() {
    }

    static Read read(Context<DatabaseRelation> context, DatabaseRelation relation, DatabaseConnection app) {
        SecretKeyRef ref = relation.getSpec().getCaSecretRef();
        if (!SecretKeyRef.isSet(ref)) {
            if (app.verifiesServer()) {
                return new Missing("CaRequired", "sslmode " + app.sslmode()
                        + " checks the server's certificate: set spec.caSecretRef to the Secret key with its CA");
            }
            return new Found(app);
        }
        Optional<Secret> secret = RelationSecrets.find(context, relation, ref.getName());
        if (secret.isEmpty()) {
            return new Missing("SecretNotFound", "CA Secret " + ref.getName() + " not found");
        }
        String pem = secret.get().getData() == null ? "" : RelationSecrets.decode(secret.get().getData().get(ref.getKey()));
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return new Missing("InvalidSecret", "CA Secret " + ref.getName() + " has no PEM certificate under key "
                    + ref.getKey());
        }
        return new Found(app.withCaCertificate(pem));
    }
}
