package dev.operator.discourse.backup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What a backup Job's report says of its archive; empty when the message is not the report (a failure's log). */
public record BackupReport(String archive, long sizeBytes, String location, String discourseVersion) {

    public static Optional<BackupReport> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String line : message.split("\\R")) {
            int at = line.indexOf('=');
            if (at > 0) {
                values.put(line.substring(0, at).strip(), line.substring(at + 1).strip());
            }
        }
        String archive = values.get("archive");
        if (archive == null || archive.isEmpty() || !values.containsKey("size")) {
            return Optional.empty();
        }
        long size;
        try {
            size = Long.parseLong(values.get("size"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new BackupReport(archive, size, values.get("location"), values.get("version")));
    }
}
