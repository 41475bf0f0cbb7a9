package dev.operator.discourse.backup.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup schedule should do at a given moment, decided as the Kubernetes CronJob controller decides it, so
 * that a schedule behaves as its users know from CronJobs: scheduled times that passed while the operator was down
 * are not all made up for; only the most recent one runs, once, and the others are reported as missed.
 *
 * <p>The decision is made from recorded times only (creation, last scheduled time) and the current time, never
 * from memory, so that an operator restarted at any point reaches the same decision.
 *
 * @param runNow the scheduled time to run now: the latest one after the last run (or creation) and at or before
 *        now, if it is still within the starting deadline. Record it as the last scheduled time once its backup is
 *        created, as the CronJob controller records {@code status.lastScheduleTime}.
 * @param missed how many scheduled times since the last run will never run (the earlier ones dropped in favour of
 *        {@code runNow}, plus {@code runNow}'s candidate itself if the deadline passed), for an event. It stops
 *        counting at {@link #MISSED_COUNT_LIMIT}: that value means "at least that many".
 * @param next the first scheduled time after now, for status and for when to look again; empty if the schedule
 *        is suspended or never fires again
 */
public record ScheduleDecision(Optional<Instant> runNow, int missed, Optional<Instant> next) {

    /**
     * Beyond this, the exact number of missed times tells a user nothing more (Kubernetes warns at the same
     * number), and counting further would cost work proportional to the outage: an every-minute schedule two years
     * behind has a million.
     */
    public static final int MISSED_COUNT_LIMIT = 100;

    public ScheduleDecision {
        Objects.requireNonNull(runNow, "runNow");
        Objects.requireNonNull(next, "next");
        if (missed < 0 || missed > MISSED_COUNT_LIMIT) {
            throw new IllegalArgumentException("missed must be within 0-" + MISSED_COUNT_LIMIT + ", was " + missed);
        }
    }

    /**
     * Decides what {@code schedule}, evaluated in {@code zone}, should do at {@code now}.
     *
     * <p>Times before {@code created} never run, even if {@code lastScheduled} is older (a schedule recreated, or a
     * status copied from elsewhere): a backup schedule should not act on times from before it existed.
     *
     * <p>While suspended nothing runs and no next time is reported, since none is planned. Times that pass while
     * suspended are treated like times missed while the operator was down: on resume the latest of them runs once
     * (unless {@code startingDeadline} has passed for it), as a resumed CronJob does.
     *
     * @param lastScheduled the scheduled time of the last run, or null if it never ran
     * @param startingDeadline how late a scheduled time may still start, or null for no limit; a time at or
     *        before {@code now - startingDeadline} is missed, as with a CronJob's {@code startingDeadlineSeconds}
     */
    public static ScheduleDecision decide(CronExpression schedule, ZoneId zone, Instant created, Instant lastScheduled,
            boolean suspend, Duration startingDeadline, Instant now) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(now, "now");
        if (startingDeadline != null && startingDeadline.isNegative()) {
            throw new IllegalArgumentException("startingDeadline must not be negative, was " + startingDeadline);
        }
        if (suspend) {
            return new ScheduleDecision(Optional.empty(), 0, Optional.empty());
        }
        Optional<Instant> next = nextAfter(schedule, zone, now);
        Instant since = lastScheduled == null || lastScheduled.isBefore(created) ? created : lastScheduled;
        Optional<Instant> latest = latestDue(schedule, zone, since, now);
        if (latest.isEmpty()) {
            return new ScheduleDecision(Optional.empty(), 0, next);
        }
        int due = countDue(schedule, zone, since, now, MISSED_COUNT_LIMIT + 1);
        boolean tooLate = startingDeadline != null && !latest.get().isAfter(now.minus(startingDeadline));
        int missed = Math.min(tooLate ? due : due - 1, MISSED_COUNT_LIMIT);
        return new ScheduleDecision(tooLate ? Optional.empty() : latest, missed, next);
    }

    /**
     * The latest scheduled time in (since, now], found with a number of steps that grows with the logarithm of the
     * outage rather than with the number of times in it: a window reaching back from now doubles until it holds a
     * scheduled time, then halves onto the last one. Kubernetes instead estimates from the interval between two
     * runs and gives up on irregular schedules; this is exact for any schedule.
     */
    private static Optional<Instant> latestDue(CronExpression schedule, ZoneId zone, Instant since, Instant now) {
        if (!now.isAfter(since)) {
            return Optional.empty();
        }
        // Invariant: a scheduled time lies in (low, now], none in (high, now].
        Instant low;
        Instant high = now;
        Duration window = Duration.ofMinutes(1);
        while (true) {
            Instant candidate = now.minus(window);
            if (!candidate.isAfter(since)) {
                if (!dueAfter(schedule, zone, since, now)) {
                    return Optional.empty();
                }
                low = since;
                break;
            }
            if (dueAfter(schedule, zone, candidate, now)) {
                low = candidate;
                break;
            }
            high = candidate;
            window = window.multipliedBy(2);
        }
        // Scheduled times are at least a minute apart, so a window of a minute holds exactly one: the latest.
        while (Duration.between(low, high).compareTo(Duration.ofMinutes(1)) > 0) {
            Instant middle = low.plus(Duration.between(low, high).dividedBy(2));
            if (dueAfter(schedule, zone, middle, now)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return nextAfter(schedule, zone, low);
    }

    /** Counts the scheduled times in (since, now], stopping at {@code limit} so that a long outage stays cheap. */
    private static int countDue(CronExpression schedule, ZoneId zone, Instant since, Instant now, int limit) {
        int count = 0;
        Instant cursor = since;
        while (count < limit) {
            Optional<Instant> time = nextAfter(schedule, zone, cursor);
            if (time.isEmpty() || time.get().isAfter(now)) {
                break;
            }
            count++;
            cursor = time.get();
        }
        return count;
    }

    private static boolean dueAfter(CronExpression schedule, ZoneId zone, Instant after, Instant now) {
        return nextAfter(schedule, zone, after).filter(time -> !time.isAfter(now)).isPresent();
    }

    private static Optional<Instant> nextAfter(CronExpression schedule, ZoneId zone, Instant after) {
        return schedule.next(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
