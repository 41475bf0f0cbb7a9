package dev.operator.discourse.relation.observability;

import java.util.EnumSet;
import java.util.Set;

/** Which of the optional kinds the cluster serves right now, as API discovery says. */
public record ServedApis(Set<MonitoringApis> served) {

    public ServedApis {
        served = served.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(served));
    }

    public static ServedApis none() {
        return new ServedApis(Set.of());
    }

    public static ServedApis all() {
        return new ServedApis(EnumSet.allOf(MonitoringApis.class));
    }

    public static ServedApis of(MonitoringApis... apis) {
        return new ServedApis(Set.of(apis));
    }

    public boolean serves(MonitoringApis api) {
        return served.contains(api);
    }
}
