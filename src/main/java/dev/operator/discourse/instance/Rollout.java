package dev.operator.discourse.instance;

import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/** Whether a StatefulSet's rollout is over, read from what its controller reports. */
public final class Rollout {

    private Rollout() {
    }

    /** The StatefulSet controller has seen the latest template and every pod runs it and is ready. */
    public static boolean complete(StatefulSet sts, int wanted) {
        StatefulSetStatus s = sts.getStatus();
        if (s == null) {
            return false;
        }
        boolean observed = s.getObservedGeneration() != null
                && s.getObservedGeneration() >= Optional.ofNullable(sts.getMetadata().getGeneration()).orElse(0L);
        boolean sameRevision = wanted == 0 || s.getUpdateRevision() == null
                || Objects.equals(s.getCurrentRevision(), s.getUpdateRevision());
        int updated = Optional.ofNullable(s.getUpdatedReplicas()).orElse(0);
        int ready = Optional.ofNullable(s.getReadyReplicas()).orElse(0);
        int replicas = Optional.ofNullable(s.getReplicas()).orElse(0);
        return observed && sameRevision && updated >= wanted && ready >= wanted && replicas == wanted;
    }
}
