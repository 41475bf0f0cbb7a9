package dev.operator.discourse.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One request as the proxy sees it, named the way the API server's audit log and metrics name it: a Kubernetes
 * verb (get, list, watch, create, update, patch, delete, deletecollection) and a resource with its subresource
 * ({@code secrets}, {@code statefulsets/status}). A path that names no resource (discovery, {@code /version},
 * {@code /openapi/v2}) keeps its path as the resource, so it is still counted.
 */
public record ApiFaultRequest(String method, String path, String query, String verb, String resource,
        String namespace, String name) {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The subresources of a Namespace, which would otherwise read as a resource inside that namespace. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses an HTTP method and request target ({@code /api/v1/namespaces/x/secrets/y?watch=true}). */
    public static ApiFaultRequest parse(String method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        int prefix = apiPrefixLength(segments);
        if (prefix < 0 || segments.size() <= prefix) {
            return new ApiFaultRequest(method, path, query, nonResourceVerb(method), path, null, null);
        }
        List<String> rest = segments.subList(prefix, segments.size());
        boolean watchPath = rest.get(0).equals("watch"); // the deprecated /api/v1/watch/... form
        if (watchPath) {
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return new ApiFaultRequest(method, path, query, nonResourceVerb(method), path, namespace, null);
        }
        String name = rest.size() > 1 ? rest.get(1) : null;
        String resource = rest.size() > 2 ? rest.get(0) + "/" + String.join("/", rest.subList(2, rest.size()))
                : rest.get(0);
        boolean watch = watchPath || watchQuery(query);
        return new ApiFaultRequest(method, path, query, verb(method, name != null, watch), resource, namespace, name);
    }

    /** POST, PUT, PATCH or DELETE: what must not happen at rest. */
    public boolean isWrite() {
        return WRITE_METHODS.contains(method);
    }

    public boolean isWatch() {
        return verb.equals("watch");
    }

    /** "verb resource", the key the counters use. */
    public String key() {
        return verb + " " + resource;
    }

    /** Segments before the resource part: {@code api/v1} (core) or {@code apis/group/version}; -1 for neither. */
    private static int apiPrefixLength(List<String> segments) {
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            return 2;
        }
        if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            return 3;
        }
        return -1;
    }

    private static boolean watchQuery(String query) {
        for (String parameter : query.split("&")) {
            if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
                return true;
            }
        }
        return false;
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String nonResourceVerb(String method) {
        return method.toLowerCase(java.util.Locale.ROOT);
    }
}
