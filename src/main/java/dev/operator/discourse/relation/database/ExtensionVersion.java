package dev.operator.discourse.relation.database;

/** Compares extension versions such as 0.7.0 and 0.10.1 by their numeric parts; 1.8 equals 1.8.0. */
final class ExtensionVersion {

    private ExtensionVersion() {
    }

    static int compare(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length || parts[i].isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
