package dev.operator.discourse.it;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.AdminSecretRef;
import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Instances and relations in one namespace whose checks reach the private PostgreSQL and Redis servers for real:
 * the Secrets as CloudNativePG and a Redis chart would write them, the relations naming them.
 */
record ServerBackedRelations(KubernetesClient client, String ns, PostgresServer postgres, String database,
        RedisServer redis) {

    void instance(String name, int replicas) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setReplicas(replicas);
        if (replicas > 1) {
            // More than one pod shares the uploads volume, or the spec is (rightly) refused.
            spec.getUploads().setAccessMode(UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
        }
        instance.setSpec(spec);
        client.resource(instance).create();
    }

    void dbSecret(String name, String password) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToStringData("host", postgres.host())
                .addToStringData("port", Integer.toString(postgres.port()))
                .addToStringData("dbname", database)
                .addToStringData("user", database)
                .addToStringData("password", password)
                .addToStringData("sslmode", "disable").build()).serverSideApply();
    }

    void redisSecret(String name, String password) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToStringData("password", password).build()).serverSideApply();
    }

    DatabaseRelation databaseRelation(String name, String instance, String secret, List<String> extensions,
            String adminSecret) {
        DatabaseRelation relation = new DatabaseRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DatabaseRelationSpec spec = new DatabaseRelationSpec();
        spec.setInstanceRef(new InstanceRef(instance));
        spec.setSecretRef(new ConnectionSecretRef(secret));
        if (extensions != null) {
            spec.setExtensions(extensions);
        }
        if (adminSecret != null) {
            spec.setAdminSecretRef(new AdminSecretRef(adminSecret));
        }
        relation.setSpec(spec);
        return client.resource(relation).create();
    }

    RedisRelation redisRelation(String name, String instance, String passwordSecret) {
        RedisRelation relation = new RedisRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        RedisRelationSpec spec = new RedisRelationSpec();
        spec.setInstanceRef(new InstanceRef(instance));
        spec.setHost(redis.host());
        spec.setPort(redis.port());
        spec.setPasswordSecretRef(new SecretKeyRef(passwordSecret, "password"));
        relation.setSpec(spec);
        return client.resource(relation).create();
    }
}
