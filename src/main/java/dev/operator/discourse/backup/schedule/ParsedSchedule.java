package dev.operator.discourse.backup.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;

/**
 * A schedule's cron and time zone, read once, or what is wrong with them in words the user can act on. A wrong
 * spec does not become right by trying again, so the reconciler says so and waits for the next edit.
 *
 * @param problem why the schedule cannot run, or null
 */
public record ParsedSchedule(CronExpression cron, ZoneId zone, String problem) {

    public static ParsedSchedule of(DiscourseBackupSchedule schedule) {
        String name = schedule.getMetadata().getName();
        if (name.length() > ScheduledBackups.MAX_NAME) {
            return invalid("The schedule's name is longer than 63 characters; its backups carry it in a label");
        }
        if (schedule.getSpec() == null || schedule.getSpec().getSchedule() == null) {
            return invalid("spec.schedule is missing");
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(schedule.getSpec().getSchedule());
        } catch (IllegalArgumentException e) {
            return invalid("spec.schedule '" + schedule.getSpec().getSchedule() + "' is not a cron schedule: "
                    + e.getMessage());
        }
        String zoneName = schedule.getSpec().getTimeZone() == null || schedule.getSpec().getTimeZone().isBlank() ? "UTC"
                : schedule.getSpec().getTimeZone().strip();
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            return invalid("spec.timeZone '" + zoneName + "' is not an IANA time zone such as Europe/Berlin");
        }
        // a CronJob takes IANA names only; a bare offset would ignore the daylight saving time its place keeps
        if (zone instanceof ZoneOffset || zoneName.startsWith("+") || zoneName.startsWith("-")
                || zoneName.matches("(?i)(UTC|GMT|UT)[+-].*")) {
            return invalid("spec.timeZone '" + zoneName + "' is an offset; name an IANA time zone such as Europe/Berlin");
        }
        return new ParsedSchedule(cron, zone, null);
    }

    private static ParsedSchedule invalid(String problem) {
        return new ParsedSchedule(null, null, problem);
    }

    public boolean valid() {
        return problem == null;
    }
}
