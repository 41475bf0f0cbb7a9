package dev.operator.discourse.relation.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.workload.WorkloadNames;

/** What the CRD schema cannot say about an ObservabilityRelation spec; each problem is one readable sentence. */
public final class ObservabilitySpecCheck {

    /** Labels the operator finds its objects by; a sidecar label of the same key would be overwritten. */
    static final Set<String> OWN_LABELS = Set.of(WorkloadNames.LABEL_NAME, WorkloadNames.LABEL_INSTANCE,
            WorkloadNames.LABEL_COMPONENT, WorkloadNames.LABEL_MANAGED_BY);

    private ObservabilitySpecCheck() {
    }

    public static List<String> problems(ObservabilityRelationSpec spec) {
        List<String> problems = new ArrayList<>();
        String regex = spec.getPrometheus().getTrustedIpAllowlistRegex();
        if (regex != null && !regex.isBlank()) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add("prometheus.trustedIpAllowlistRegex is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        if (spec.getGrafana().isEnabled()) {
            label("grafana", spec.getGrafana().getSidecarLabel(), spec.getGrafana().getSidecarLabelValue(), problems);
        }
        if (spec.getLoki().isEnabled()) {
            label("loki", spec.getLoki().getSidecarLabel(), spec.getLoki().getSidecarLabelValue(), problems);
        }
        return problems;
    }

    private static void label(String part, String key, String value, List<String> problems) {
        if (key == null || key.isBlank() || value == null || value.isBlank()) {
            problems.add(part + ".sidecarLabel and " + part + ".sidecarLabelValue must both be set");
        } else if (OWN_LABELS.contains(key)) {
            problems.add(part + ".sidecarLabel must not be " + key + ": the operator sets that label itself");
        }
    }
}
