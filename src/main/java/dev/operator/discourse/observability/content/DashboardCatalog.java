package dev.operator.discourse.observability.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where the observability content sits on the classpath. The files are edited in {@code grafana/} and {@code loki/}
 * at the repository root and packaged by a {@code <resources>} entry of the pom, so there is one copy of each.
 *
 * <p>A native image only contains resources it is told about: the application needs
 * {@code quarkus.native.resources.includes=dashboards/*.json,loki/*.yaml}.
 */
public final class DashboardCatalog {

    /**
     * A Grafana dashboard shipped with the operator.
     *
     * @param uid          the dashboard's stable {@code uid}, also a good ConfigMap key stem
     * @param title        its {@code title}
     * @param resourcePath where it is on the classpath
     */
    public record Dashboard(String uid, String title, String resourcePath) {

        /** File name, e.g. {@code discourse-overview.json}: the key Grafana's sidecar expects in a ConfigMap. */
        public String fileName() {
            return resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
        }

        /** The dashboard JSON. */
        public String read() {
            return DashboardCatalog.read(resourcePath);
        }
    }

    public static final Dashboard OVERVIEW =
            new Dashboard("discourse-overview", "Discourse / Overview", "dashboards/discourse-overview.json");
    public static final Dashboard SERVICE_HEALTH =
            new Dashboard("discourse-service-health", "Discourse / Service health",
                    "dashboards/discourse-service-health.json");
    public static final Dashboard OPERATOR =
            new Dashboard("discourse-operator", "Discourse operator", "dashboards/discourse-operator.json");

    /** Loki ruler rule groups (YAML) for Discourse's logs. */
    public static final String LOKI_RULES_RESOURCE = "loki/discourse-log-alerts.yaml";
    /** The Loki stream matcher of every Discourse pod, web and a separate Sidekiq's. */
    public static final String LOKI_POD_NAMES = "app_kubernetes_io_name=~\"discourse|discourse-sidekiq\"";

    private DashboardCatalog() {
    }

    /** Every dashboard, the operator's own last. */
    public static List<Dashboard> dashboards() {
        return List.of(OVERVIEW, SERVICE_HEALTH, OPERATOR);
    }

    /** The dashboards about a Discourse instance, for deploying next to each instance. */
    public static List<Dashboard> discourseDashboards() {
        return List.of(OVERVIEW, SERVICE_HEALTH);
    }

    /** The Loki rules file. */
    public static String lokiRules() {
        return read(LOKI_RULES_RESOURCE);
    }

    /** A classpath resource as UTF-8 text; fails loudly when it was not packaged. */
    public static String read(String resourcePath) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = DashboardCatalog.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalStateException("resource not packaged: " + resourcePath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourcePath, e);
        }
    }
}
