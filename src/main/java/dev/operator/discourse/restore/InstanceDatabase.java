package dev.operator.discourse.restore;

import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.database.DatabaseConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The forum's database as its DatabaseRelation names it, read once when a restore fails: a rare read, so straight
 * from the API server rather than a cache of every relation and Secret.
 */
final class InstanceDatabase {

    private InstanceDatabase() {
    }

    /** The connection, or (connection null) why there is none to read. */
    record Lookup(DatabaseConnection connection, String problem) {
        static Lookup problem(String why) {
            return new Lookup(null, why);
        }
    }

    static Lookup find(KubernetesClient client, String ns, String instance) {
        Optional<DatabaseRelation> relation = client.resources(DatabaseRelation.class).inNamespace(ns).list().getItems()
                .stream().filter(r -> instance.equals(r.getSpec().instanceName())).findFirst();
        if (relation.isEmpty()) {
            return Lookup.problem("no DatabaseRelation names " + instance);
        }
        var spec = relation.get().getSpec();
        Secret secret = client.secrets().inNamespace(ns).withName(spec.getSecretRef().getName()).get();
        if (secret == null) {
            return Lookup.problem("Secret " + spec.getSecretRef().getName() + " not found");
        }
        var parsed = DatabaseConnection.from(secret, spec.getSecretRef());
        if (parsed instanceof DatabaseConnection.Invalid invalid) {
            return Lookup.problem(invalid.message());
        }
        DatabaseConnection db = ((DatabaseConnection.Ok) parsed).connection();
        SecretKeyRef ca = spec.getCaSecretRef();
        if (SecretKeyRef.isSet(ca)) {
            Secret caSecret = client.secrets().inNamespace(ns).withName(ca.getName()).get();
            if (caSecret == null || caSecret.getData() == null || !caSecret.getData().containsKey(ca.getKey())) {
                return Lookup.problem("CA Secret " + ca.getName() + " has no key " + ca.getKey());
            }
            db = db.withCaCertificate(RelationSecrets.decode(caSecret.getData().get(ca.getKey())));
        }
        return new Lookup(db, null);
    }
}
