package dev.operator.discourse.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which commit of a plugin a Discourse version takes, by the rule of Discourse's own
 * {@code Discourse.find_compatible_resource} (lib/version.rb; see image/discourse/CONTRACT.md): each line of the
 * plugin's {@code .discourse-compatibility} maps a requirement ({@code < 3.6.0.beta1-dev}, or a bare version,
 * meaning {@code <=}) to a commit; the entries sorted by version, {@code <} before {@code <=} of the same version,
 * the first that the version satisfies wins; none means the plugin's default branch head.
 */
final class DiscourseCompatibility {

    private static final Pattern LINE = Pattern.compile("^\\s*['\"]?\\s*(<=|<|=)?\\s*([0-9][0-9A-Za-z.\\-]*)\\s*['\"]?\\s*:\\s*['\"]?([^'\"\\s#]+)['\"]?\\s*(#.*)?$");

    record Entry(String operator, String version, String ref) {
    }

    private DiscourseCompatibility() {
    }

    static List<Entry> parse(String file) {
        List<Entry> entries = new ArrayList<>();
        for (String line : file.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a compatibility entry: " + line);
            }
            String operator = m.group(1) == null || m.group(1).equals("=") ? "<=" : m.group(1);
            entries.add(new Entry(operator, m.group(2), m.group(3)));
        }
        return entries;
    }

    /** The ref the version takes, or empty for the default branch head. */
    static Optional<String> select(String file, String discourseVersion) {
        return parse(file).stream()
                .sorted(Comparator.<Entry, String>comparing(Entry::version, DiscourseCompatibility::compareVersions)
                        .thenComparing(e -> e.operator().equals("<") ? 0 : 1))
                .filter(e -> {
                    int c = compareVersions(discourseVersion, e.version());
                    return e.operator().equals("<") ? c < 0 : c <= 0;
                })
                .map(Entry::ref).findFirst();
    }

    /**
     * RubyGems' Gem::Version order: "-" reads as ".pre.", segments are numbers or letter runs, trailing zeros of
     * each part before and after the first letter segment do not count, and a letter segment sorts below a number
     * (so 3.6.0.beta1 is before 3.6.0).
     */
    static int compareVersions(String a, String b) {
        List<Object> x = canonical(a);
        List<Object> y = canonical(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object p = i < x.size() ? x.get(i) : 0L;
            Object q = i < y.size() ? y.get(i) : 0L;
            if (p.equals(q)) {
                continue;
            }
            if (p instanceof String && q instanceof Long) {
                return -1;
            }
            if (p instanceof Long && q instanceof String) {
                return 1;
            }
            if (p instanceof Long l && q instanceof Long r) {
                return Long.compare(l, r);
            }
            return ((String) p).compareTo((String) q);
        }
        return 0;
    }

    private static List<Object> canonical(String version) {
        List<Object> segments = new ArrayList<>();
        Matcher m = Pattern.compile("[0-9]+|[a-z]+", Pattern.CASE_INSENSITIVE).matcher(version.strip().replace("-", ".pre."));
        while (m.find()) {
            String s = m.group();
            segments.add(Character.isDigit(s.charAt(0)) ? (Object) Long.parseLong(s) : s);
        }
        int firstLetters = 0;
        while (firstLetters < segments.size() && segments.get(firstLetters) instanceof Long) {
            firstLetters++;
        }
        List<Object> release = trimZeros(segments.subList(0, firstLetters));
        List<Object> pre = trimZeros(segments.subList(firstLetters, segments.size()));
        List<Object> all = new ArrayList<>(release);
        all.addAll(pre);
        return all;
    }

    private static List<Object> trimZeros(List<Object> part) {
        List<Object> copy = new ArrayList<>(part);
        while (!copy.isEmpty() && Long.valueOf(0).equals(copy.get(copy.size() - 1))) {
            copy.remove(copy.size() - 1);
        }
        return copy;
    }
}
