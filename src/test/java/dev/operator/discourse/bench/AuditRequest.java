package dev.operator.discourse.bench;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.operator.discourse.testsupport.SimulatedCluster;

/**
 * One request as the kube-apiserver's audit log (level Metadata, one JSON event per line) records it. The
 * audit log is used because it names the client (user agent) and the response code of each request, which
 * apiserver_request_total does not: the benchmark must tell the operator's requests from its own and from the
 * control plane's (the controllers, the scheduler, kwok), and count conflicts (409) by resource.
 *
 * @param at when the server finished the request
 * @param resource the resource, or the path for a non-resource URL such as /metrics
 * @param subresource "status" etc., empty when none
 * @param name the object's name, empty for a collection
 * @param selective whether a label or field selector narrowed the request
 */
public record AuditRequest(Instant at, String userAgent, String verb, String resource, String subresource,
        String namespace, String name, int code, boolean selective) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> CONTROL_PLANE_AGENTS = Set.of("kube-controller-manager/", "kube-scheduler/", "kwok/",
            SimulatedCluster.USER_AGENT);

    /** Who sent a request, by the user agent each client is given. */
    public enum Source {
        OPERATOR, BENCHMARK, APISERVER, CONTROLLERS;
    }

    /**
     * The request an audit line stands for, or empty when the line is a stage that does not end a request.
     * Every request counts once, when its response is complete. That includes watches: the API server writes a
     * watch's ResponseComplete when the watch ends, so a watch still open when the server stops is never seen
     * (the informers' initial LISTs are, see Results).
     */
    public static Optional<AuditRequest> parse(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (Exception e) {
            return Optional.empty(); // a line cut short when the server was stopped mid-write
        }
        String stage = event.path("stage").asText();
        String verb = event.path("verb").asText();
        boolean counted = "ResponseComplete".equals(stage) || "Panic".equals(stage);
        if (!counted) {
            return Optional.empty();
        }
        JsonNode ref = event.path("objectRef");
        String resource = ref.isMissingNode() ? uriPath(event.path("requestURI").asText())
                : ref.path("resource").asText();
        return Optional.of(new AuditRequest(Instant.parse(event.path("stageTimestamp").asText()),
                event.path("userAgent").asText(), verb, resource, ref.path("subresource").asText(""),
                ref.path("namespace").asText(""), ref.path("name").asText(""),
                event.path("responseStatus").path("code").asInt(0), selective(event.path("requestURI").asText())));
    }

    private static boolean selective(String uri) {
        return uri.contains("labelSelector=") || uri.contains("fieldSelector=");
    }

    private static String uriPath(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /**
     * The benchmark's client identifies itself; the API server's own loopback client says kube-apiserver, and
     * the rest of the control plane names its binary, and test support's volume provisioner says so too.
     */
    public Source source(String benchmarkUserAgent) {
        if (userAgent.startsWith(benchmarkUserAgent)) {
            return Source.BENCHMARK;
        }
        if (userAgent.startsWith("kube-apiserver")) {
            return Source.APISERVER;
        }
        if (CONTROL_PLANE_AGENTS.stream().anyMatch(userAgent::startsWith)) {
            return Source.CONTROLLERS;
        }
        return Source.OPERATOR;
    }

    /** A request that changes stored state (whether or not it succeeded). */
    public boolean write() {
        return WRITES.contains(verb);
    }

    /** "resource" or "resource/subresource", e.g. statefulsets or discourseinstances/status. */
    public String target() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
