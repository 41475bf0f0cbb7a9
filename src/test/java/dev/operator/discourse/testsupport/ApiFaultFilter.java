package dev.operator.discourse.testsupport;

import java.util.Set;
import java.util.regex.Pattern;

/** Which requests an {@link ApiFaults} policy may hit; the others always pass untouched. */
@FunctionalInterface
public interface ApiFaultFilter {

    boolean test(ApiFaultRequest request);

    /** Every request. */
    static ApiFaultFilter all() {
        return request -> true;
    }

    /** POST, PUT, PATCH and DELETE only. */
    static ApiFaultFilter writes() {
        return ApiFaultRequest::isWrite;
    }

    /** Requests of these Kubernetes verbs ({@code create}, {@code patch}, {@code watch}, ...). */
    static ApiFaultFilter verbs(String... verbs) {
        Set<String> set = Set.of(verbs);
        return request -> set.contains(request.verb());
    }

    /** Requests for this resource, subresource included ({@code jobs}, {@code discourseinstances/status}). */
    static ApiFaultFilter resource(String resource) {
        return request -> request.resource().equals(resource);
    }

    /** Requests whose path (without the query) matches the regular expression somewhere. */
    static ApiFaultFilter pathMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return request -> pattern.matcher(request.path()).find();
    }

    default ApiFaultFilter and(ApiFaultFilter other) {
        return request -> test(request) && other.test(request);
    }
}
