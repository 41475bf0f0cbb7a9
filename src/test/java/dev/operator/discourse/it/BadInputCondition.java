package dev.operator.discourse.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The status condition a bad object must end with: its type (or any type), status, a reason matching a pattern,
 * and fragments its message must contain, such as the field, Secret or key at fault.
 */
record BadInputCondition(String type, String status, Pattern reason, List<String> fragments) {

    static BadInputCondition of(String type, String status, String reasonPattern, String... fragments) {
        return new BadInputCondition(type, status, Pattern.compile(reasonPattern), List.of(fragments));
    }

    /** Any condition of the object will do, as long as it is false for the reason and names what is wrong. */
    static BadInputCondition anyFalse(String reasonPattern, String... fragments) {
        return of(null, "False", reasonPattern, fragments);
    }

    /** The first condition that says what is expected, if any. */
    Optional<Map<String, Object>> metBy(List<Map<String, Object>> conditions) {
        return conditions.stream().filter(this::matches).findFirst();
    }

    private boolean matches(Map<String, Object> c) {
        String message = String.valueOf(c.getOrDefault("message", ""));
        return (type == null || type.equals(c.get("type"))) && status.equals(c.get("status"))
                && c.get("reason") != null && reason.matcher(String.valueOf(c.get("reason"))).matches()
                && fragments.stream().allMatch(message::contains);
    }

    @Override
    public String toString() {
        return (type == null ? "any condition" : type) + "=" + status + " reason~" + reason + " message containing "
                + fragments;
    }
}
