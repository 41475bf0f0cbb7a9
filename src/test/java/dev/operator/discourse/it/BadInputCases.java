package dev.operator.discourse.it;

import static dev.operator.discourse.it.BadInputCondition.anyFalse;
import static dev.operator.discourse.it.BadInputSpecs.UNICODE;
import static dev.operator.discourse.it.BadInputSpecs.keyRef;
import static dev.operator.discourse.it.BadInputSpecs.many;
import static dev.operator.discourse.it.BadInputSpecs.map;
import static dev.operator.discourse.it.BadInputSpecs.ref;
import static dev.operator.discourse.it.BadInputSpecs.repeat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The bad input, as data: for every kind, specs the API server accepts (the CRD schema and its CEL rules pass)
 * that are empty or minimal, huge, unicode, at the bounds of every ranged field, or that name missing Secrets,
 * Secrets of the wrong type or shape, keys that are not there or empty, ports that are not numbers, and
 * instances that do not exist. Relations that get past their instance check point at target instances of their
 * own (never at the healthy one), so that a case cannot disturb the forum that runs.
 */
final class BadInputCases {

    static final String INSTANCE = "DiscourseInstance";
    static final String DATABASE = "DatabaseRelation";
    static final String REDIS = "RedisRelation";
    static final String INGRESS = "IngressRelation";
    static final String OBSERVABILITY = "ObservabilityRelation";
    static final String USER_TASK = "DiscourseUserTask";

    /** An instance nothing creates. */
    static final String MISSING = "no-such-forum";

    // Targets whose relations all fail before they apply anything, so they may share one instance.
    static final String DB_TARGET = "db-target";
    static final String REDIS_TARGET = "redis-target";
    static final String INGRESS_TARGET = "ing-target";
    static final String OBS_TARGET = "obs-target";

    static final String HUGE_VALUE = repeat("0123456789abcdef" + UNICODE, 128 * 1024);

    private BadInputCases() {
    }

    /** The bugs this generated input found in src/main, all fixed since; a case naming one runs in that bug's own test. */
    static final class Bugs {
        static final String UNCHECKED_INSTANCE_SECRETS = "instance Secret refs (smtp, s3, oidc, extraEnv) are never "
                + "checked: ConfigValid=True, no condition names the missing Secret/key";
        static final String UNCHECKED_TLS_SECRET = "IngressRelation accepts an Opaque Secret without tls.crt/tls.key "
                + "as its TLS Secret: TlsSecretFound=True";
        static final String REFUSED_DEPENDENT = "DiscourseInstance whose PVC or StatefulSet the API server refuses (422): "
                + "reconcile throws until retries are exhausted, no status at all";
        static final String EMPTY_SECRET_NAME = "DatabaseRelation with secretRef.name or adminSecretRef.name \"\": "
                + "IllegalArgumentException from RelationSecrets.find, retries exhausted, no status";
        static final String EMPTY_REDIS_PASSWORD = "RedisRelation takes an empty password value as a password: Ready=True, "
                + "where DatabaseRelation refuses empty keys";

        private Bugs() {
        }
    }

    /** Target instances (name to spec) the relation cases point at. */
    static Map<String, Map<String, Object>> targets() {
        Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
        for (String shared : List.of(DB_TARGET, REDIS_TARGET, INGRESS_TARGET, OBS_TARGET)) {
            targets.put(shared, map());
        }
        for (String own : List.of("d-bounds-i", "r-bounds-i", "r-empty-pw-i", "g-tls-missing-i", "g-tls-opaque-i",
                "g-unicode-i", "g-bounds-i", "o-unicode-i", "o-many-i", "o-minimal-i")) {
            targets.put(own, map());
        }
        // Valid for the instance (each label is a DNS label), too long for an Ingress host (253 at most).
        targets.put("g-long-host-i", map("hostname", BadInputSpecs.longDnsName(5)));
        return targets;
    }

    /** The Secrets the cases name, each of a shape some case expects to be refused. */
    static List<Secret> secrets(String ns) {
        return List.of(
                secret(ns, "regcred", "kubernetes.io/dockerconfigjson", Map.of(".dockerconfigjson", "{\"auths\":{}}")),
                secret(ns, "tls-pair", "kubernetes.io/tls", Map.of("tls.crt", "not really a certificate",
                        "tls.key", "not really a key")),
                secret(ns, "opaque-nothing", "Opaque", Map.of()),
                secret(ns, "db-empty", "Opaque", dbKeys("", "", "", "", "", "")),
                secret(ns, "db-port-word", "Opaque", dbKeys("db.invalid", "fünf-vier-drei-zwei", "forum", "forum", "pw", "disable")),
                secret(ns, "db-port-high", "Opaque", dbKeys("db.invalid", "70000", "forum", "forum", "pw", "disable")),
                secret(ns, "db-sslmode-odd", "Opaque", dbKeys("db.invalid", "5432", "forum", "forum", "pw", "verify-🎉")),
                secret(ns, "db-verify-full", "Opaque", dbKeys("db.invalid", "5432", "forum", "forum", "pw", "verify-full")),
                secret(ns, "db-unicode-host", "Opaque", dbKeys("pöstgres.例え.invalid", "5432", "förum", "ユーザー",
                        UNICODE, "disable")),
                secret(ns, "db-huge", "Opaque", dbKeys(repeat("h", 60_000) + ".invalid", "5432", repeat("d", 50_000),
                        repeat("u", 50_000), HUGE_VALUE, "disable")),
                secret(ns, "db-ok", "Opaque", dbKeys("db.invalid", "5432", "forum", "forum", "pw", "disable")),
                secret(ns, "redis-empty-pw", "Opaque", Map.of("password", "")),
                secret(ns, "redis-other-key", "Opaque", Map.of("token", "t0k3n")));
    }

    private static Map<String, String> dbKeys(String host, String port, String db, String user, String password,
            String sslmode) {
        return map("host", host, "port", port, "dbname", db, "user", user, "password", password, "sslmode", sslmode)
                .entrySet().stream().collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), (String) e.getValue()),
                        Map::putAll);
    }

    private static Secret secret(String ns, String name, String type, Map<String, String> stringData) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withType(type)
                .withStringData(stringData).build();
    }

    static List<BadInputCase> all() {
        return Stream.of(instances(), databases(), redis(), ingresses(), observability(), userTasks())
                .flatMap(List::stream).toList();
    }

    static BadInputCase named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name));
    }

    /** A relation's (or task's) spec: its instance, then the fields given. */
    private static Map<String, Object> relation(String instance, Object... more) {
        Map<String, Object> spec = map("instanceRef", ref(instance));
        spec.putAll(map(more));
        return spec;
    }

    // --- DiscourseInstance ------------------------------------------------------------------------------------

    static List<BadInputCase> instances() {
        return List.of(
                BadInputCase.of(INSTANCE, "i-minimal", map())
                        .expect(BadInputCondition.of("ConfigValid", "True", "Valid"))
                        .check(BadInputChecks.env("i-minimal", "DISCOURSE_HOSTNAME", "i-minimal")),
                BadInputCase.of(INSTANCE, "i-bounds-min", map("replicas", 0, "unicornWorkers", 1, "sidekiqMaxMemory", 0,
                        "maxCategoryNesting", 2, "developerEmails", List.of(), "extraEnv", List.of(),
                        "smtp", map("address", "smtp.example", "port", 1)))
                        .expect(BadInputCondition.of("ConfigValid", "True", "Valid"))
                        .check(BadInputChecks.env("i-bounds-min", "UNICORN_WORKERS", "1"))
                        .check(BadInputChecks.env("i-bounds-min", "UNICORN_SIDEKIQ_MAX_RSS", "0"))
                        .check(BadInputChecks.env("i-bounds-min", "DISCOURSE_SMTP_PORT", "1")),
                BadInputCase.of(INSTANCE, "i-bounds-max", map("replicas", 100, "unicornWorkers", 64,
                        "sidekiqMaxMemory", Integer.MAX_VALUE, "maxCategoryNesting", 3,
                        "uploads", map("accessMode", "ReadWriteMany"),
                        "smtp", map("address", "smtp.example", "port", 65535)))
                        .expect(BadInputCondition.of("ConfigValid", "True", "Valid"))
                        .check(BadInputChecks.env("i-bounds-max", "UNICORN_WORKERS", "64"))
                        .check(BadInputChecks.env("i-bounds-max", "UNICORN_SIDEKIQ_MAX_RSS", Integer.toString(Integer.MAX_VALUE)))
                        .check(BadInputChecks.env("i-bounds-max", "DISCOURSE_MAX_CATEGORY_NESTING", "3"))
                        .check(BadInputChecks.env("i-bounds-max", "DISCOURSE_SMTP_PORT", "65535")),
                BadInputCase.of(INSTANCE, "i-unicode", map(
                        "smtp", map("address", "smtp.例え.jp", "domain", "😀.example", "username", "ユーザー名"),
                        "cors", map("origin", "https://例え.jp, https://münchen.example"),
                        "developerEmails", List.of("ädmin@例え.jp", "🎉@example.com"),
                        "proxy", map("httpProxy", "http://prøxy.example:3128", "noProxy", "例え.jp,.local"),
                        "extraEnv", List.of(map("name", "GREETING", "value", UNICODE))))
                        .expect(BadInputCondition.of("ConfigValid", "True", "Valid"))
                        .check(BadInputChecks.env("i-unicode", "GREETING", UNICODE))
                        .check(BadInputChecks.env("i-unicode", "DISCOURSE_SMTP_DOMAIN", "😀.example"))
                        .check(BadInputChecks.env("i-unicode", "DISCOURSE_SMTP_USER_NAME", "ユーザー名"))
                        .check(BadInputChecks.env("i-unicode", "DISCOURSE_DEVELOPER_EMAILS", "ädmin@例え.jp,🎉@example.com"))
                        .check(BadInputChecks.env("i-unicode", "http_proxy", "http://prøxy.example:3128")),
                BadInputCase.of(INSTANCE, "i-huge", map(
                        "cors", map("origin", String.join(",", many(500, i -> "https://o" + i + ".例え.jp"))),
                        "developerEmails", many(500, i -> "dev" + i + "@example.com"),
                        "extraEnv", Stream.concat(Stream.of(map("name", "HUGE", "value", HUGE_VALUE)),
                                many(1000, i -> map("name", "EXTRA_" + i, "value", repeat(UNICODE, 100))).stream())
                                .toList()))
                        .expect(BadInputCondition.of("ConfigValid", "True", "Valid"))
                        .check(BadInputChecks.env("i-huge", "HUGE", HUGE_VALUE))
                        .check(BadInputChecks.envCountAtLeast("i-huge", 1000)),
                BadInputCase.of(INSTANCE, "i-saml-cert-garbage", map("forceHttps", true,
                        "saml", map("targetUrl", "https://idp.例え.jp/sso",
                                "certificate", "-----BEGIN CERTIFICATE-----\n" + UNICODE + "\n-----END CERTIFICATE-----")))
                        .expect(BadInputCondition.of("ConfigValid", "False", "InvalidConfig",
                                "saml.certificate is not a PEM X.509 certificate")),
                BadInputCase.of(INSTANCE, "i-env-reserved", map("extraEnv", List.of(
                        map("name", "DISCOURSE_DB_HOST", "value", UNICODE))))
                        .expect(BadInputCondition.of("ConfigValid", "False", "InvalidConfig",
                                "extraEnv must not set DISCOURSE_DB_HOST")),
                BadInputCase.of(INSTANCE, "i-env-nameless", map("extraEnv", List.of(map("value", UNICODE))))
                        .expect(BadInputCondition.of("ConfigValid", "False", "InvalidConfig", "extraEnv entries need a name")),
                BadInputCase.of(INSTANCE, "i-env-name-unicode", map("extraEnv", List.of(
                        map("name", "GRÜSSE_🎉", "value", "x"))))
                        .expect(anyFalse(".+", "GRÜSSE_🎉"))
                        .knownBug(Bugs.REFUSED_DEPENDENT),
                BadInputCase.of(INSTANCE, "i-uploads-zero", map("uploads", map("size", "0")))
                        .expect(anyFalse(".+", "uploads"))
                        .knownBug(Bugs.REFUSED_DEPENDENT),
                BadInputCase.of(INSTANCE, "i-storage-class-odd", map("uploads", map("storageClassName", "Ünï_Class")))
                        .expect(anyFalse(".+", "Ünï_Class"))
                        .knownBug(Bugs.REFUSED_DEPENDENT),
                BadInputCase.of(INSTANCE, "i-image-empty", map("image", ""))
                        .expect(anyFalse(".+", "image"))
                        .knownBug(Bugs.REFUSED_DEPENDENT),
                BadInputCase.of(INSTANCE, "i-node-selector-odd", map("nodeSelector", map("not a label key!", "ü")))
                        .expect(anyFalse(".+", "nodeSelector"))
                        .knownBug(Bugs.REFUSED_DEPENDENT),
                BadInputCase.of(INSTANCE, "i-smtp-missing-secret", map("smtp", map("address", "smtp.example",
                        "passwordSecretRef", keyRef("absent-smtp", "password"))))
                        .expect(anyFalse(".+", "absent-smtp"))
                        .knownBug(Bugs.UNCHECKED_INSTANCE_SECRETS),
                BadInputCase.of(INSTANCE, "i-s3-dockercfg-secret", map("s3", map("enabled", true, "bucket", "b",
                        "region", "r", "accessKeyIdSecretRef", keyRef("regcred", "id"),
                        "secretAccessKeySecretRef", keyRef("regcred", "secret"))))
                        .expect(anyFalse(".+", "regcred"))
                        .knownBug(Bugs.UNCHECKED_INSTANCE_SECRETS),
                BadInputCase.of(INSTANCE, "i-oidc-missing-key", map("forceHttps", true, "oidc", map(
                        "issuer", "https://id.例え.jp", "clientId", "forum", "clientSecretRef", keyRef("opaque-nothing", "secret"))))
                        .expect(anyFalse(".+", "opaque-nothing"))
                        .knownBug(Bugs.UNCHECKED_INSTANCE_SECRETS));
    }

    // --- DatabaseRelation -------------------------------------------------------------------------------------

    private static Map<String, Object> db(String instance, Map<String, Object> secretRef, Object... more) {
        Map<String, Object> spec = map("instanceRef", ref(instance), "secretRef", secretRef);
        spec.putAll(map(more));
        return spec;
    }

    static List<BadInputCase> databases() {
        return List.of(
                BadInputCase.of(DATABASE, "d-no-instance", db(MISSING, ref("db-ok")))
                        .expect(BadInputCondition.of("InstanceFound", "False", "InstanceNotFound", MISSING)),
                BadInputCase.of(DATABASE, "d-missing-secret", db(DB_TARGET, ref("absent-db")))
                        .expect(BadInputCondition.of("Connected", "False", "SecretNotFound", "Secret absent-db not found")),
                BadInputCase.of(DATABASE, "d-empty-secret-name", db(DB_TARGET, ref("")))
                        .expect(anyFalse(".+", "secretRef"))
                        .knownBug(Bugs.EMPTY_SECRET_NAME),
                BadInputCase.of(DATABASE, "d-dockercfg-secret", db(DB_TARGET, ref("regcred")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret regcred lacks host, port, dbname, user, password")),
                BadInputCase.of(DATABASE, "d-tls-secret", db(DB_TARGET, ref("tls-pair")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret", "Secret tls-pair lacks host")),
                BadInputCase.of(DATABASE, "d-empty-values", db(DB_TARGET, ref("db-empty")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret db-empty lacks host, port, dbname, user, password")),
                BadInputCase.of(DATABASE, "d-port-word", db(DB_TARGET, ref("db-port-word")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret db-port-word key port is not a port number")),
                BadInputCase.of(DATABASE, "d-port-high", db(DB_TARGET, ref("db-port-high")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret db-port-high key port is not a port number")),
                BadInputCase.of(DATABASE, "d-sslmode-odd", db(DB_TARGET, ref("db-sslmode-odd")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret", "key sslmode is 'verify-🎉'")),
                BadInputCase.of(DATABASE, "d-keys-unicode", db(DB_TARGET, map("name", "db-ok", "hostKey", "hôst-🎉",
                        "portKey", repeat("p", 5000))))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret db-ok lacks hôst-🎉, " + repeat("p", 5000))),
                BadInputCase.of(DATABASE, "d-huge-values", db(DB_TARGET, ref("db-huge")))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable|ConnectionFailed", "hhhhhhhh")),
                BadInputCase.of(DATABASE, "d-verify-without-ca", db(DB_TARGET, ref("db-verify-full")))
                        .expect(BadInputCondition.of("Connected", "False", "CaRequired", "sslmode verify-full",
                                "spec.caSecretRef")),
                BadInputCase.of(DATABASE, "d-ca-missing", db(DB_TARGET, ref("db-verify-full"),
                        "caSecretRef", keyRef("absent-ca", "ca.crt")))
                        .expect(BadInputCondition.of("Connected", "False", "SecretNotFound", "CA Secret absent-ca not found")),
                BadInputCase.of(DATABASE, "d-ca-dockercfg", db(DB_TARGET, ref("db-verify-full"),
                        "caSecretRef", keyRef("regcred", "ca.crt")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "CA Secret regcred has no PEM certificate under key ca.crt")),
                BadInputCase.of(DATABASE, "d-unicode-host", db(DB_TARGET, ref("db-unicode-host")))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable|ConnectionFailed",
                                "pöstgres.例え.invalid")),
                BadInputCase.of(DATABASE, "d-empty-admin-name", db(DB_TARGET, ref("db-ok"), "adminSecretRef", ref("")))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable|ConnectionFailed", "db.invalid"))
                        .knownBug(Bugs.EMPTY_SECRET_NAME),
                BadInputCase.of(DATABASE, "d-bounds", db("d-bounds-i", ref("db-ok"), "extensions", List.of(),
                        "backupHost", "bäckup.例え.jp", "backupPort", 65535, "skipConnectionCheck", true))
                        .expect(BadInputCondition.of("Ready", "True", "Ready"))
                        .check(BadInputChecks.env("d-bounds-i", "DISCOURSE_DB_BACKUP_PORT", "65535"))
                        .check(BadInputChecks.env("d-bounds-i", "DISCOURSE_DB_BACKUP_HOST", "bäckup.例え.jp")));
    }

    // --- RedisRelation ----------------------------------------------------------------------------------------

    static List<BadInputCase> redis() {
        return List.of(
                BadInputCase.of(REDIS, "r-no-instance", relation(MISSING, "host", "redis.invalid"))
                        .expect(BadInputCondition.of("InstanceFound", "False", "InstanceNotFound", MISSING)),
                BadInputCase.of(REDIS, "r-minimal", relation(REDIS_TARGET))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSpec", "spec.host", "spec.serviceRef")),
                BadInputCase.of(REDIS, "r-missing-secret", relation(REDIS_TARGET, "host", "redis.invalid",
                        "passwordSecretRef", keyRef("absent-redis", "password")))
                        .expect(BadInputCondition.of("Connected", "False", "SecretNotFound", "Secret absent-redis not found")),
                BadInputCase.of(REDIS, "r-key-missing", relation(REDIS_TARGET, "host", "redis.invalid",
                        "passwordSecretRef", keyRef("redis-other-key", "password")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret",
                                "Secret redis-other-key has no key password")),
                BadInputCase.of(REDIS, "r-dockercfg-secret", relation(REDIS_TARGET, "host", "redis.invalid",
                        "passwordSecretRef", keyRef("regcred", "password")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret", "Secret regcred has no key password")),
                BadInputCase.of(REDIS, "r-empty-secret-name", relation(REDIS_TARGET, "host", "redis.invalid",
                        "passwordSecretRef", keyRef("", "password")))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSpec", "spec.passwordSecretRef")),
                BadInputCase.of(REDIS, "r-unicode-host", relation(REDIS_TARGET, "host", "rédis.例え.invalid"))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable", "rédis.例え.invalid")),
                BadInputCase.of(REDIS, "r-huge-host", relation(REDIS_TARGET, "host", repeat("r", 20_000) + ".invalid"))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable|ConnectionFailed", "rrrr")),
                BadInputCase.of(REDIS, "r-ipv6-garbage", relation(REDIS_TARGET, "host", "[::1%ü🎉"))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable|ConnectionFailed", "[::1%ü🎉")),
                BadInputCase.of(REDIS, "r-bounds-refused", relation(REDIS_TARGET, "host", "127.0.0.1", "port", 1, "db", 15))
                        .expect(BadInputCondition.of("Connected", "False", "Unreachable", "127.0.0.1:1")),
                BadInputCase.of(REDIS, "r-bounds", relation("r-bounds-i", "serviceRef", "cache-ü", "port", 65535, "db", 15,
                        "skipConnectionCheck", true))
                        .expect(BadInputCondition.of("Ready", "True", "Ready"))
                        .check(BadInputChecks.env("r-bounds-i", "DISCOURSE_REDIS_PORT", "65535"))
                        .check(BadInputChecks.env("r-bounds-i", "DISCOURSE_REDIS_DB", "15")),
                BadInputCase.of(REDIS, "r-empty-pw", relation("r-empty-pw-i", "host", "redis.invalid",
                        "passwordSecretRef", keyRef("redis-empty-pw", "password"), "skipConnectionCheck", true))
                        .expect(BadInputCondition.of("Connected", "False", "InvalidSecret", "redis-empty-pw", "password"))
                        .knownBug(Bugs.EMPTY_REDIS_PASSWORD));
    }

    // --- IngressRelation --------------------------------------------------------------------------------------

    static List<BadInputCase> ingresses() {
        return List.of(
                BadInputCase.of(INGRESS, "g-no-instance", relation(MISSING))
                        .expect(BadInputCondition.of("InstanceFound", "False", "InstanceNotFound", MISSING)),
                BadInputCase.of(INGRESS, "g-no-class", relation(INGRESS_TARGET, "ingressClassName", "no-such-class"))
                        .expect(BadInputCondition.of("IngressClassFound", "False", "IngressClassNotFound",
                                "IngressClass no-such-class does not exist")),
                BadInputCase.of(INGRESS, "g-annotation-key-odd", relation(INGRESS_TARGET, "annotations",
                        map("not a valid/key/at all ü", "x")))
                        .expect(BadInputCondition.of("Routed", "False", "Refused", "metadata.annotations")),
                BadInputCase.of(INGRESS, "g-annotation-huge", relation(INGRESS_TARGET, "annotations",
                        map("example.com/huge", repeat("x", 300 * 1024))))
                        .expect(BadInputCondition.of("Routed", "False", "Refused", "metadata.annotations", "Too long")),
                BadInputCase.of(INGRESS, "g-long-host", relation("g-long-host-i"))
                        .expect(BadInputCondition.of("Routed", "False", "Refused", "host")),
                BadInputCase.of(INGRESS, "g-tls-missing", relation("g-tls-missing-i", "tls", map("secretName", "absent-tls")))
                        .expect(BadInputCondition.of("TlsSecretFound", "False", "SecretNotFound", "TLS Secret absent-tls not found")),
                BadInputCase.of(INGRESS, "g-tls-opaque", relation("g-tls-opaque-i", "tls", map("secretName", "opaque-nothing")))
                        .expect(BadInputCondition.of("TlsSecretFound", "False", ".+", "opaque-nothing"))
                        .knownBug(Bugs.UNCHECKED_TLS_SECRET),
                BadInputCase.of(INGRESS, "g-unicode", relation("g-unicode-i", "annotations",
                        map("example.com/note", UNICODE), "sessionAffinity",
                        map("maxAgeSeconds", 1, "cookieName", repeat("c", 4000))))
                        .expect(BadInputCondition.of("Routed", "True", "IngressApplied"))
                        .check(BadInputChecks.ingressAnnotation("g-unicode", "example.com/note", UNICODE))
                        .check(BadInputChecks.ingressAnnotation("g-unicode",
                                "nginx.ingress.kubernetes.io/session-cookie-max-age", "1")),
                BadInputCase.of(INGRESS, "g-bounds", relation("g-bounds-i", "maxBodySize", "0",
                        "sessionAffinity", map("maxAgeSeconds", 31_536_000)))
                        .expect(BadInputCondition.of("Routed", "True", "IngressApplied"))
                        .check(BadInputChecks.ingressAnnotation("g-bounds", "nginx.ingress.kubernetes.io/proxy-body-size", "0")));
    }

    // --- ObservabilityRelation --------------------------------------------------------------------------------

    static List<BadInputCase> observability() {
        return List.of(
                BadInputCase.of(OBSERVABILITY, "o-no-instance", relation(MISSING))
                        .expect(BadInputCondition.of("InstanceFound", "False", "InstanceNotFound", MISSING)),
                BadInputCase.of(OBSERVABILITY, "o-regex-broken", relation(OBS_TARGET, "prometheus",
                        map("trustedIpAllowlistRegex", "^(10\\.|ü[")))
                        .expect(BadInputCondition.of("Ready", "False", "InvalidSpec",
                                "prometheus.trustedIpAllowlistRegex is not a regular expression")),
                // Valid in Ruby, but deeper than Java's regex compiler goes: refused, and said so.
                BadInputCase.of(OBSERVABILITY, "o-regex-deep", relation(OBS_TARGET, "prometheus",
                        map("trustedIpAllowlistRegex", repeat("(a|b)", 250_000))))
                        .expect(BadInputCondition.of("Ready", "False", "InvalidSpec",
                                "prometheus.trustedIpAllowlistRegex is not a regular expression")),
                BadInputCase.of(OBSERVABILITY, "o-own-label", relation(OBS_TARGET, "grafana",
                        map("sidecarLabel", "app.kubernetes.io/name")))
                        .expect(BadInputCondition.of("Ready", "False", "InvalidSpec",
                                "grafana.sidecarLabel must not be app.kubernetes.io/name")),
                BadInputCase.of(OBSERVABILITY, "o-unicode", relation("o-unicode-i", "prometheus",
                        map("trustedIpAllowlistRegex", "^(100\\.64\\.|ü|🎉)"), "grafana",
                        map("delivery", "ConfigMap", "folder", "Foren 🎉 " + UNICODE)))
                        .expect(BadInputCondition.of("Ready", "True", "Delivered"))
                        .check(BadInputChecks.env("o-unicode-i", "DISCOURSE_PROMETHEUS_TRUSTED_IP_ALLOWLIST_REGEX",
                                "^(100\\.64\\.|ü|🎉)")),
                BadInputCase.of(OBSERVABILITY, "o-many", relation("o-many-i", "prometheus",
                        map("labels", manyLabels(300), "interval", "1ms", "trustedIpAllowlistRegex", repeat("(a|b)", 10_000)),
                        "grafana", map("instanceSelector", manyLabels(300))))
                        .expect(BadInputCondition.of("Ready", "True", "Delivered")),
                BadInputCase.of(OBSERVABILITY, "o-minimal", relation("o-minimal-i", "prometheus", map("enabled", false),
                        "grafana", map("enabled", false), "loki", map("enabled", false)))
                        .expect(BadInputCondition.of("Ready", "True", "Delivered")));
    }

    private static Map<String, Object> manyLabels(int count) {
        Map<String, Object> labels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            labels.put("example.com/label-" + i, "value-" + i);
        }
        return labels;
    }

    // --- DiscourseUserTask ------------------------------------------------------------------------------------

    static List<BadInputCase> userTasks() {
        return List.of(
                BadInputCase.of(USER_TASK, "t-no-instance", relation(MISSING, "operation", "CreateUser",
                        "email", "ädmin@例え.jp"))
                        .expect(BadInputCondition.of("Complete", "False", "InstanceNotFound", MISSING)),
                BadInputCase.of(USER_TASK, "t-minimal", relation(MISSING, "operation", "AnonymizeUser"))
                        .expect(BadInputCondition.of("Complete", "False", "InvalidSpec",
                                "spec.username is required for AnonymizeUser")),
                BadInputCase.of(USER_TASK, "t-empty-instance", relation("", "operation", "PromoteUser", "email", "a@b"))
                        .expect(BadInputCondition.of("Complete", "False", "InvalidSpec", "spec.instanceRef.name is required")),
                BadInputCase.of(USER_TASK, "t-email-odd", relation(MISSING, "operation", "CreateUser",
                        "email", "not an email " + UNICODE))
                        .expect(BadInputCondition.of("Complete", "False", "InvalidSpec", "spec.email is not an email address")),
                BadInputCase.of(USER_TASK, "t-username-odd", relation(MISSING, "operation", "AnonymizeUser",
                        "username", "bob];system('x')"))
                        .expect(BadInputCondition.of("Complete", "False", "InvalidSpec", "spec.username may contain only")),
                BadInputCase.of(USER_TASK, "t-secret-name-odd", relation(MISSING, "operation", "CreateUser",
                        "email", "a@example.com", "passwordSecretRef", ref("Ünï_Cöde")))
                        .expect(BadInputCondition.of("Complete", "False", "InvalidSpec",
                                "spec.passwordSecretRef.name is not a valid Secret name")),
                BadInputCase.of(USER_TASK, "t-huge-email", relation(DB_TARGET, "operation", "PromoteUser",
                        "email", repeat("ü", 100_000) + "@例え.jp"))
                        .expect(BadInputCondition.of("Complete", "False", "NoReadyPod", DB_TARGET)));
    }
}
