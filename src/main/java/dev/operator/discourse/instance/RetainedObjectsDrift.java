package dev.operator.discourse.instance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * How the retained objects (uploads volume, secret_key_base) differ from the spec after creation, when their
 * dependents only ever create them: a changed retention policy moves the instance's owner reference, a bigger
 * uploads size grows the volume, a smaller one is refused (Kubernetes volumes cannot shrink). Pure.
 */
public final class RetainedObjectsDrift {

    /** What to do with the uploads volume's size. */
    public record StorageChange(Optional<Quantity> grow, Optional<String> refused) {

        static final StorageChange NONE = new StorageChange(Optional.empty(), Optional.empty());
    }

    private RetainedObjectsDrift() {
    }

    /** The owner references the object should have, when they differ from what it has; others' are kept. */
    public static Optional<List<OwnerReference>> owners(HasMetadata live, DiscourseInstance instance, RetentionPolicy policy) {
        String uid = instance.getMetadata().getUid();
        List<OwnerReference> current = Optional.ofNullable(live.getMetadata().getOwnerReferences()).orElse(List.of());
        boolean owned = current.stream().anyMatch(o -> Objects.equals(uid, o.getUid()));
        boolean wanted = policy == RetentionPolicy.DELETE;
        if (owned == wanted) {
            return Optional.empty();
        }
        List<OwnerReference> next = new ArrayList<>(current.stream().filter(o -> !Objects.equals(uid, o.getUid())).toList());
        if (wanted) {
            next.add(DesiredRetainedObjects.ownerReference(instance));
        }
        return Optional.of(next);
    }

    public static StorageChange storage(PersistentVolumeClaim live, String wantedSize) {
        Quantity wanted = new Quantity(wantedSize);
        Quantity requested = Optional.ofNullable(live.getSpec().getResources())
                .map(r -> r.getRequests() == null ? null : r.getRequests().get("storage")).orElse(null);
        if (requested == null) {
            return StorageChange.NONE;
        }
        int order = bytes(wanted).compareTo(bytes(requested));
        if (order > 0) {
            return new StorageChange(Optional.of(wanted), Optional.empty());
        }
        if (order < 0) {
            return new StorageChange(Optional.empty(), Optional.of("uploads.size " + wantedSize
                    + " is smaller than the uploads volume's " + requested + "; volumes cannot shrink, so it stays "
                    + requested));
        }
        return StorageChange.NONE;
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }
}
