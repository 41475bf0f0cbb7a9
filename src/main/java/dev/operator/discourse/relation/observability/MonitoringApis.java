package dev.operator.discourse.relation.observability;

/** The third-party kinds the relation may make, each at the one version whose schema the builders follow. */
public enum MonitoringApis {

    POD_MONITOR("monitoring.coreos.com", "v1", "PodMonitor", "podmonitors", "the Prometheus Operator's CRDs"),
    PROMETHEUS_RULE("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", "the Prometheus Operator's CRDs"),
    GRAFANA_DASHBOARD("grafana.integreatly.org", "v1beta1", "GrafanaDashboard", "grafanadashboards", "grafana-operator's CRDs");

    public static final String PROMETHEUS_GROUP = "monitoring.coreos.com";
    public static final String GRAFANA_GROUP = "grafana.integreatly.org";

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final String providedBy;

    MonitoringApis(String group, String version, String kind, String plural, String providedBy) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.providedBy = providedBy;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public static MonitoringApis ofKind(String kind) {
        for (MonitoringApis api : values()) {
            if (api.kind.equals(kind)) {
                return api;
            }
        }
        throw new IllegalArgumentException("not a kind this relation makes: " + kind);
    }

    /** Why it is missing, in words a user acts on. */
    public String notServed() {
        return "the cluster does not serve " + apiVersion() + " " + kind + " (" + providedBy + " are not installed)";
    }
}
