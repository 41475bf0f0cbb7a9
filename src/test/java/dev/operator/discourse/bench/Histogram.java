package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The largest rows of {@code jcmd <pid> GC.class_histogram}: what the operator's live heap is made of. */
public final class Histogram {

    /** One class: how many live objects, how many bytes. */
    public record Row(int rank, long instances, long bytes, String className) {
    }

    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private Histogram() {
    }

    public static List<Row> top(String histogram, int count) {
        List<Row> rows = new ArrayList<>();
        for (String line : histogram.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && rows.size() < count) {
                rows.add(new Row(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        m.group(4)));
            }
        }
        return rows;
    }

    /** Live objects of exactly this class, 0 when the histogram has no row for it. */
    public static long instancesOf(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && m.group(4).equals(className)) {
                return Long.parseLong(m.group(2));
            }
        }
        return 0;
    }

    /** The live heap in bytes (the histogram's Total line), or -1 when there is none. */
    public static long totalBytes(String histogram) {
        for (String line : histogram.split("\n")) {
            Matcher m = TOTAL.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(2));
            }
        }
        return -1;
    }
}
