package dev.operator.discourse.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one counter family out of Prometheus' text exposition format, as the kube-apiserver's /metrics serves
 * it, and sums it by some of its labels. Only what the benchmark needs: no histograms, no HELP/TYPE checks.
 */
public final class PromText {

    private PromText() {
    }

    /** Every sample of {@code metric}, keyed by its labels (in the order the server wrote them). */
    public static Map<Map<String, String>, Double> samples(String text, String metric) {
        Map<Map<String, String>, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int at = metric.length();
            if (at >= line.length() || (line.charAt(at) != '{' && line.charAt(at) != ' ')) {
                continue; // another metric whose name starts with this one, e.g. foo_total_bucket
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (line.charAt(at) == '{') {
                at = parseLabels(line, at + 1, labels);
            }
            String[] rest = line.substring(at).trim().split("\\s+");
            samples.put(labels, Double.parseDouble(rest[0]));
        }
        return samples;
    }

    /** Returns the index just past the closing brace. Label values may hold escaped quotes and backslashes. */
    private static int parseLabels(String line, int i, Map<String, String> labels) {
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String name = line.substring(i, eq).trim();
            int j = eq + 2; // past ="
            StringBuilder value = new StringBuilder();
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    /**
     * Sums samples by the given labels, the key being their values joined with a space (an absent or empty
     * label counts as "-"), sorted, so two scrapes can be compared key by key.
     */
    public static Map<String, Double> sumBy(Map<Map<String, String>, Double> samples, String... labels) {
        Map<String, Double> sums = new TreeMap<>();
        samples.forEach((sample, value) -> {
            StringBuilder key = new StringBuilder();
            for (String label : labels) {
                String v = sample.get(label);
                if (key.length() > 0) {
                    key.append(' ');
                }
                key.append(v == null || v.isEmpty() ? "-" : v);
            }
            sums.merge(key.toString(), value, Double::sum);
        });
        return sums;
    }

    /** after - before per key, dropping keys that did not move (counters only grow while the server runs). */
    public static Map<String, Double> diff(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> diff = new TreeMap<>();
        after.forEach((key, value) -> {
            double delta = value - before.getOrDefault(key, 0.0);
            if (delta != 0) {
                diff.put(key, delta);
            }
        });
        return diff;
    }
}
