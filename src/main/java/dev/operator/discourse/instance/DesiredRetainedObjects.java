package dev.operator.discourse.instance;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The objects that hold user data (the uploads volume) or state users cannot lose (secret_key_base, whose loss
 * signs everybody out). They carry an owner reference only when the user chose Delete.
 */
public final class DesiredRetainedObjects {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DesiredRetainedObjects() {
    }

    /** A new random secret_key_base; created once, never updated, so every pod and restart agrees on it. */
    public static Secret secretKeyBase(DiscourseInstance instance) {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return new SecretBuilder()
                .withMetadata(meta(instance, WorkloadNames.secretKeyBaseSecret(instance.getMetadata().getName()),
                        instance.getSpec().getSecretKeyBaseRetentionPolicy()))
                .withType("Opaque")
                .withStringData(Map.of(InstanceEnv.SECRET_KEY_BASE_KEY, HexFormat.of().formatHex(key)))
                .build();
    }

    public static PersistentVolumeClaim uploadsClaim(DiscourseInstance instance) {
        UploadsStorageSpec uploads = instance.getSpec().getUploads();
        return new PersistentVolumeClaimBuilder()
                .withMetadata(meta(instance, WorkloadNames.uploadsClaim(instance.getMetadata().getName()),
                        uploads.getRetentionPolicy()))
                .withNewSpec()
                .withAccessModes(uploads.getAccessMode().value())
                .withStorageClassName(uploads.getStorageClassName())
                .withNewResources().withRequests(Map.of("storage", new Quantity(uploads.getSize()))).endResources()
                .endSpec()
                .build();
    }

    /** Not a controller reference: the object outlives a change of policy and is never the instance's to adopt. */
    static OwnerReference ownerReference(DiscourseInstance instance) {
        return new OwnerReferenceBuilder()
                .withApiVersion(instance.getApiVersion())
                .withKind(instance.getKind())
                .withName(instance.getMetadata().getName())
                .withUid(instance.getMetadata().getUid())
                .withController(false)
                .withBlockOwnerDeletion(false)
                .build();
    }

    private static ObjectMeta meta(DiscourseInstance instance, String name, RetentionPolicy policy) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(instance.getMetadata().getNamespace())
                .withLabels(WorkloadNames.labels(instance.getMetadata().getName()));
        if (policy == RetentionPolicy.DELETE) {
            meta.withOwnerReferences(List.of(ownerReference(instance)));
        }
        return meta.build();
    }
}
