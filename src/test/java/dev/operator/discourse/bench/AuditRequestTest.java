package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.bench.AuditRequest.Source;

class AuditRequestTest {

    static String event(String stage, String verb, String userAgent, String objectRef, int code) {
        return event(stage, verb, userAgent, objectRef, code, "/metrics?x=1");
    }

    static String event(String stage, String verb, String userAgent, String objectRef, int code, String uri) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"a1\","
                + "\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb + "\","
                + "\"user\":{\"username\":\"admin\"},\"userAgent\":\"" + userAgent + "\""
                + (objectRef == null ? "" : ",\"objectRef\":" + objectRef)
                + ",\"responseStatus\":{\"metadata\":{},\"code\":" + code + "},"
                + "\"requestReceivedTimestamp\":\"2026-11-27T06:00:00.000001Z\","
                + "\"stageTimestamp\":\"2026-11-27T06:00:00.250000Z\"}";
    }

    static final String STS_STATUS = "{\"resource\":\"statefulsets\",\"namespace\":\"b1\",\"name\":\"f\","
            + "\"apiGroup\":\"apps\",\"apiVersion\":\"v1\",\"subresource\":\"status\"}";

    @Test
    void aCompletedRequestCarriesWhoWhatAndTheCode() {
        var r = AuditRequest.parse(event("ResponseComplete", "patch", "fabric8-kubernetes-client/7.3.1", STS_STATUS, 409))
                .orElseThrow();
        assertThat(r.at()).isEqualTo(Instant.parse("2026-11-27T06:00:00.250Z"));
        assertThat(r.verb()).isEqualTo("patch");
        assertThat(r.target()).isEqualTo("statefulsets/status");
        assertThat(r.namespace()).isEqualTo("b1");
        assertThat(r.name()).isEqualTo("f");
        assertThat(r.code()).isEqualTo(409);
        assertThat(r.write()).isTrue();
        assertThat(r.source("discourse-benchmark")).isEqualTo(Source.OPERATOR);
    }

    @Test
    void aWatchCountsOnceWhenItEndsNotWhenItStarts() {
        String ref = "{\"resource\":\"jobs\",\"apiGroup\":\"batch\",\"apiVersion\":\"v1\"}";
        assertThat(AuditRequest.parse(event("ResponseStarted", "watch", "x", ref, 200))).isEmpty();
        assertThat(AuditRequest.parse(event("ResponseComplete", "watch", "x", ref, 200))).get()
                .extracting(AuditRequest::selective).isEqualTo(false);
        assertThat(AuditRequest.parse(event("ResponseStarted", "get", "x", ref, 200))).isEmpty();
        assertThat(AuditRequest.parse(event("RequestReceived", "get", "x", ref, 200))).isEmpty();
    }

    @Test
    void aWatchNarrowedByALabelSelectorIsSelective() {
        String ref = "{\"resource\":\"secrets\",\"apiVersion\":\"v1\"}";
        var r = AuditRequest.parse(event("ResponseComplete", "watch", "x", ref, 200,
                "/api/v1/secrets?labelSelector=app%3Dx&watch=true")).orElseThrow();
        assertThat(r.selective()).isTrue();
    }

    @Test
    void aNonResourceRequestIsNamedByItsPath() {
        var r = AuditRequest.parse(event("ResponseComplete", "get", "discourse-benchmark/1", null, 200)).orElseThrow();
        assertThat(r.target()).isEqualTo("/metrics");
        assertThat(r.write()).isFalse();
        assertThat(r.source("discourse-benchmark")).isEqualTo(Source.BENCHMARK);
    }

    @Test
    void theApiServersOwnLoopbackClientIsNotTheOperator() {
        var r = AuditRequest.parse(event("ResponseComplete", "get", "kube-apiserver/v1.37.2 (linux/amd64) kubernetes/$Format", STS_STATUS,
                200)).orElseThrow();
        assertThat(r.source("discourse-benchmark")).isEqualTo(Source.APISERVER);
    }

    @Test
    void theControllersSchedulerKwokAndTheProvisionerAreNotTheOperator() {
        for (String agent : new String[] { "kube-controller-manager/v1.37.2 (linux/amd64) kubernetes/$Format/statefulset-controller",
                "kube-scheduler/v1.37.2 (linux/amd64) kubernetes/$Format/scheduler", "kwok/v0.8.0 (linux/amd64) kubernetes/$Format",
                "discourse-test-cluster/1" }) {
            var r = AuditRequest.parse(event("ResponseComplete", "patch", agent, STS_STATUS, 200)).orElseThrow();
            assertThat(r.source("discourse-benchmark")).as(agent).isEqualTo(Source.CONTROLLERS);
        }
    }

    @Test
    void aTruncatedLastLineIsSkipped() {
        assertThat(AuditRequest.parse("{\"kind\":\"Event\",\"stage\":\"Resp")).isEmpty();
    }
}
