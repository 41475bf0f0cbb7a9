package dev.operator.discourse.cache;

import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Item stores for the informers JOSDK configures from annotations, which name a class: each keeps of an object
 * only what the informer's readers read (see {@link CachePruning}).
 */
public final class PrunedStores {

    private PrunedStores() {
    }

    /**
     * No managedFields: for the controllers' own kinds (nothing reads a primary's managedFields) and for objects
     * the operator creates once and never matches (the uploads claim, the secret_key_base Secret).
     */
    @RegisterForReflection
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public static final class WithoutManagedFields extends TransformingItemStore {
        public WithoutManagedFields() {
            super(CachePruning.<HasMetadata>withoutManagedFields());
        }
    }

    /**
     * The instance reconciler's StatefulSets: its server-side-apply matcher reads its own managedFields entry, not
     * the four relations'; the planner and the status read the spec and the status.
     */
    @RegisterForReflection
    public static final class InstanceStatefulSets extends TransformingItemStore<StatefulSet> {
        public InstanceStatefulSets() {
            super(CachePruning.keepingManagedFieldsOf(FieldManagers.INSTANCE));
        }
    }

    /** The instance's Services: its matcher's managedFields entry and the spec; nobody reads their status. */
    @RegisterForReflection
    public static final class InstanceServices extends TransformingItemStore<Service> {
        public InstanceServices() {
            super(CachePruning.alsoDropping(CachePruning.keepingManagedFieldsOf(FieldManagers.INSTANCE),
                    s -> s.setStatus(null)));
        }
    }

    /** The instance's disruption budgets: its matcher's managedFields entry and the spec. */
    @RegisterForReflection
    public static final class InstanceDisruptionBudgets extends TransformingItemStore<PodDisruptionBudget> {
        public InstanceDisruptionBudgets() {
            super(CachePruning.alsoDropping(CachePruning.keepingManagedFieldsOf(FieldManagers.INSTANCE),
                    b -> b.setStatus(null)));
        }
    }

    /** The instance's NetworkPolicy: its matcher's managedFields entry and the spec. */
    @RegisterForReflection
    public static final class InstanceNetworkPolicies extends TransformingItemStore<NetworkPolicy> {
        public InstanceNetworkPolicies() {
            super(CachePruning.keepingManagedFieldsOf(FieldManagers.INSTANCE));
        }
    }
}
