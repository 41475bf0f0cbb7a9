package dev.operator.discourse.instance.migration;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a migration Job failed because the database or Redis could not be reached, read from the tail of its
 * log: what the pg and redis gems and libpq say then (CONTRACT.md, "Failures"). Such a failure says nothing about
 * the migrations, which Rails runs each in its own transaction, so running db:migrate again once the server is
 * back runs exactly the ones still pending: nothing twice, nothing skipped.
 */
public final class MigrationOutage {

    private static final List<Pattern> DATABASE = List.of(
            Pattern.compile("ActiveRecord::ConnectionNotEstablished"),
            Pattern.compile("PG::ConnectionBad"),
            Pattern.compile("PG::UnableToSend"),
            Pattern.compile("server closed the connection unexpectedly"),
            Pattern.compile("could not connect to server"),
            Pattern.compile("connection to server at .* failed"));
    private static final List<Pattern> REDIS = List.of(
            Pattern.compile("Redis(Client)?::CannotConnectError"),
            Pattern.compile("Redis(Client)?::ConnectionError"),
            Pattern.compile("Redis(Client)?::TimeoutError"),
            Pattern.compile("Error connecting to Redis"));

    private MigrationOutage() {
    }

    /** "the database" or "Redis" when the log shows that it could not be reached. */
    public static Optional<String> of(String logTail) {
        if (logTail == null) {
            return Optional.empty();
        }
        if (DATABASE.stream().anyMatch(p -> p.matcher(logTail).find())) {
            return Optional.of("the database");
        }
        if (REDIS.stream().anyMatch(p -> p.matcher(logTail).find())) {
            return Optional.of("Redis");
        }
        return Optional.empty();
    }
}
