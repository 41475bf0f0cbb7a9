package dev.operator.discourse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.operator.discourse.bench.AuditRequest.Source;

/** The API server's audit log of a run, read once at the end and then counted by window, client and kind. */
final class AuditLog {

    final List<AuditRequest> requests;
    final String benchmarkUserAgent;
    final String error;

    private AuditLog(List<AuditRequest> requests, String benchmarkUserAgent, String error) {
        this.requests = requests;
        this.benchmarkUserAgent = benchmarkUserAgent;
        this.error = error;
    }

    static AuditLog read(Path file, String benchmarkUserAgent) {
        List<AuditRequest> requests = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null;) {
                AuditRequest.parse(line).ifPresent(requests::add);
            }
            return new AuditLog(requests, benchmarkUserAgent, null);
        } catch (IOException e) {
            return new AuditLog(requests, benchmarkUserAgent, e.toString());
        }
    }

    /** Requests of one client in [from, to). */
    List<AuditRequest> of(Source source, Instant from, Instant to) {
        return requests.stream().filter(r -> r.source(benchmarkUserAgent) == source)
                .filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
    }

    static Map<String, Long> count(List<AuditRequest> requests, Function<AuditRequest, String> key) {
        return count(requests, r -> true, key);
    }

    static Map<String, Long> count(List<AuditRequest> requests, Predicate<AuditRequest> which,
            Function<AuditRequest, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        requests.stream().filter(which).forEach(r -> counts.merge(key.apply(r), 1L, Long::sum));
        return counts;
    }
}
