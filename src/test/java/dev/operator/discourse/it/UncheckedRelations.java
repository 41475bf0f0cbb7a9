package dev.operator.discourse.it;

import java.util.Set;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A DatabaseRelation {@code db} (with its Secret {@code db-app}) and a RedisRelation {@code cache} for an instance,
 * Ready without servers because their checks are skipped: for tests about what else the workload carries, where
 * only the relations' fields and the gate they open count.
 */
final class UncheckedRelations {

    /** The env entries the database relation owns on the workload (with sslmode set, as here). */
    static final Set<String> DB_ENV = Set.of("DISCOURSE_DB_HOST", "DISCOURSE_DB_PORT", "DISCOURSE_DB_NAME",
            "DISCOURSE_DB_USERNAME", "DISCOURSE_DB_PASSWORD", "DISCOURSE_DB_BACKUP_HOST", "DISCOURSE_DB_BACKUP_PORT",
            "PGSSLMODE");
    /** The env entries the Redis relation owns on the workload. */
    static final Set<String> REDIS_ENV = Set.of("DISCOURSE_REDIS_HOST", "DISCOURSE_REDIS_PORT",
            "DISCOURSE_REDIS_USE_SSL", "DISCOURSE_REDIS_DB");

    private UncheckedRelations() {
    }

    static void create(KubernetesClient client, String ns, String instance) {
        client.resource(new SecretBuilder().withNewMetadata().withName("db-app").withNamespace(ns).endMetadata()
                .addToStringData("host", "db.example").addToStringData("port", "5432")
                .addToStringData("dbname", "forum").addToStringData("user", "forum")
                .addToStringData("password", "pw-1").addToStringData("sslmode", "require").build()).create();
        DatabaseRelation db = new DatabaseRelation();
        db.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(ns).build());
        DatabaseRelationSpec dbSpec = new DatabaseRelationSpec();
        dbSpec.setInstanceRef(new InstanceRef(instance));
        dbSpec.setSecretRef(new ConnectionSecretRef("db-app"));
        dbSpec.setSkipConnectionCheck(true);
        db.setSpec(dbSpec);
        client.resource(db).create();

        RedisRelation cache = new RedisRelation();
        cache.setMetadata(new ObjectMetaBuilder().withName("cache").withNamespace(ns).build());
        RedisRelationSpec redisSpec = new RedisRelationSpec();
        redisSpec.setInstanceRef(new InstanceRef(instance));
        redisSpec.setHost("redis.example");
        redisSpec.setSkipConnectionCheck(true);
        cache.setSpec(redisSpec);
        client.resource(cache).create();
    }
}
