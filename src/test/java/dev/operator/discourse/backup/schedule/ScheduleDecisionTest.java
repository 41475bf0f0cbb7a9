package dev.operator.discourse.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleDecisionTest {

    static final CronExpression HOURLY = CronExpression.parse("0 * * * *");
    static final ZoneId UTC = ZoneOffset.UTC;
    static final Instant CREATED = at("2026-01-01T00:00:00Z");

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static ScheduleDecision hourly(String lastScheduled, String now) {
        return ScheduleDecision.decide(HOURLY, UTC, CREATED, lastScheduled == null ? null : at(lastScheduled), false,
                null, at(now));
    }

    @Test
    void nothingDueBetweenRuns() {
        ScheduleDecision decision = hourly("2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z");

        assertThat(decision.runNow()).isEmpty();
        assertThat(decision.missed()).isZero();
        assertThat(decision.next()).contains(at("2026-01-05T11:00:00Z"));
    }

    @Test
    void oneDue() {
        ScheduleDecision decision = hourly("2026-01-05T10:00:00Z", "2026-01-05T11:00:05Z");

        assertThat(decision.runNow()).contains(at("2026-01-05T11:00:00Z"));
        assertThat(decision.missed()).isZero();
        assertThat(decision.next()).contains(at("2026-01-05T12:00:00Z"));
    }

    @Test
    void dueAtTheScheduledInstantItself() {
        ScheduleDecision decision = hourly("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");

        assertThat(decision.runNow()).contains(at("2026-01-05T11:00:00Z"));
        assertThat(decision.next()).contains(at("2026-01-05T12:00:00Z"));
    }

    @Test
    void theLastRunIsNotRunAgain() {
        assertThat(hourly("2026-01-05T11:00:00Z", "2026-01-05T11:00:05Z").runNow()).isEmpty();
    }

    @Test
    void manyMissedRunOnlyTheLatestAndCountTheRest() {
        ScheduleDecision decision = hourly("2026-01-05T10:00:00Z", "2026-01-05T15:20:00Z");

        assertThat(decision.runNow()).contains(at("2026-01-05T15:00:00Z"));
        assertThat(decision.missed()).isEqualTo(4);
        assertThat(decision.next()).contains(at("2026-01-05T16:00:00Z"));
    }

    @Test
    void neverRunCountsFromCreation() {
        Instant created = at("2026-01-05T10:05:00Z");

        ScheduleDecision before = ScheduleDecision.decide(HOURLY, UTC, created, null, false, null,
                at("2026-01-05T10:30:00Z"));
        ScheduleDecision after = ScheduleDecision.decide(HOURLY, UTC, created, null, false, null,
                at("2026-01-05T11:10:00Z"));

        assertThat(before.runNow()).isEmpty();
        assertThat(before.next()).contains(at("2026-01-05T11:00:00Z"));
        assertThat(after.runNow()).contains(at("2026-01-05T11:00:00Z"));
        assertThat(after.missed()).isZero();
    }

    @Test
    void timesBeforeCreationNeverRunEvenAfterAnOlderLastTime() {
        Instant created = at("2026-01-05T10:30:00Z");
        Instant last = at("2026-01-05T09:00:00Z");

        ScheduleDecision soon = ScheduleDecision.decide(HOURLY, UTC, created, last, false, null,
                at("2026-01-05T10:45:00Z"));
        ScheduleDecision later = ScheduleDecision.decide(HOURLY, UTC, created, last, false, null,
                at("2026-01-05T12:10:00Z"));

        assertThat(soon.runNow()).isEmpty();
        assertThat(soon.missed()).isZero();
        assertThat(later.runNow()).contains(at("2026-01-05T12:00:00Z"));
        assertThat(later.missed()).as("11:00 only; 10:00 was before the schedule existed").isEqualTo(1);
    }

    @Test
    void suspendedRunsNothingAndPlansNothing() {
        ScheduleDecision decision = ScheduleDecision.decide(HOURLY, UTC, CREATED, at("2026-01-05T10:00:00Z"), true,
                null, at("2026-01-05T15:20:00Z"));

        assertThat(decision).isEqualTo(new ScheduleDecision(Optional.empty(), 0, Optional.empty()));
    }

    @Test
    void resumedRunsTheLatestTimeMissedWhileSuspendedOnce() {
        Instant last = at("2026-01-05T10:00:00Z");

        ScheduleDecision resumed = ScheduleDecision.decide(HOURLY, UTC, CREATED, last, false, null,
                at("2026-01-05T15:20:00Z"));
        ScheduleDecision afterThatRun = ScheduleDecision.decide(HOURLY, UTC, CREATED, resumed.runNow().orElseThrow(),
                false, null, at("2026-01-05T15:21:00Z"));

        assertThat(resumed.runNow()).contains(at("2026-01-05T15:00:00Z"));
        assertThat(resumed.missed()).isEqualTo(4);
        assertThat(afterThatRun.runNow()).isEmpty();
        assertThat(afterThatRun.missed()).isZero();
    }

    @Test
    void aTimeStillWithinTheStartingDeadlineRuns() {
        ScheduleDecision decision = ScheduleDecision.decide(HOURLY, UTC, CREATED, at("2026-01-05T10:00:00Z"), false,
                Duration.ofMinutes(30), at("2026-01-05T15:20:00Z"));

        assertThat(decision.runNow()).contains(at("2026-01-05T15:00:00Z"));
        assertThat(decision.missed()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = { 10, 20 })
    void aTimePastTheStartingDeadlineIsMissedToo(int deadlineMinutes) {
        // 15:00 is 20 minutes late: a deadline of 20 minutes has just passed, as with startingDeadlineSeconds.
        ScheduleDecision decision = ScheduleDecision.decide(HOURLY, UTC, CREATED, at("2026-01-05T10:00:00Z"), false,
                Duration.ofMinutes(deadlineMinutes), at("2026-01-05T15:20:00Z"));

        assertThat(decision.runNow()).isEmpty();
        assertThat(decision.missed()).isEqualTo(5);
        assertThat(decision.next()).contains(at("2026-01-05T16:00:00Z"));
    }

    @Test
    void aNegativeDeadlineIsRefused() {
        assertThatThrownBy(() -> ScheduleDecision.decide(HOURLY, UTC, CREATED, null, false, Duration.ofSeconds(-1),
                at("2026-01-05T15:20:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startingDeadline must not be negative, was PT-1S");
    }

    @Test
    void theMissedCountStopsAtItsLimit() {
        ScheduleDecision decision = hourly("2026-01-01T00:00:00Z", "2026-01-10T00:30:00Z");

        assertThat(decision.runNow()).contains(at("2026-01-10T00:00:00Z"));
        assertThat(decision.missed()).isEqualTo(ScheduleDecision.MISSED_COUNT_LIMIT);
    }

    @Test
    void twoYearsOfAnEveryMinuteScheduleStayCheap() {
        CronExpression everyMinute = CronExpression.parse("* * * * *");
        Instant now = at("2026-01-05T15:20:42Z");
        Instant twoYearsAgo = now.minus(Duration.ofDays(730));

        ScheduleDecision decision = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> ScheduleDecision.decide(everyMinute, UTC, twoYearsAgo.minusSeconds(60), twoYearsAgo, false,
                        null, now));

        assertThat(decision.runNow()).contains(at("2026-01-05T15:20:00Z"));
        assertThat(decision.missed()).isEqualTo(ScheduleDecision.MISSED_COUNT_LIMIT);
        assertThat(decision.next()).contains(at("2026-01-05T15:21:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "30 6-16/4 * * 1-5", "*/7 3-5 * * MON-FRI", "0 0 13 * FRI", "15 2 29 2 *", "0 9 1 1,7 *" })
    void theLatestDueTimeIsExactForIrregularSchedules(String expression) {
        CronExpression cron = CronExpression.parse(expression);
        Instant since = at("2025-01-01T00:00:00Z");
        Instant now = at("2026-01-05T15:20:00Z");

        ScheduleDecision decision = ScheduleDecision.decide(cron, UTC, since, null, false, null, now);

        Optional<Instant> latest = Optional.empty();
        int count = 0;
        for (Optional<ZonedDateTime> t = cron.next(since.atZone(UTC)); t.isPresent() && !t.get().toInstant()
                .isAfter(now); t = cron.next(t.get())) {
            latest = Optional.of(t.get().toInstant());
            count++;
        }
        assertThat(decision.runNow()).isEqualTo(latest);
        assertThat(decision.missed()).isEqualTo(Math.min(Math.max(count - 1, 0), ScheduleDecision.MISSED_COUNT_LIMIT));
    }

    @Test
    void aScheduleThatNeverFiresHasNothingToDo() {
        ScheduleDecision decision = ScheduleDecision.decide(CronExpression.parse("0 0 30 2 *"), UTC, CREATED, null,
                false, null, at("2026-01-05T15:20:00Z"));

        assertThat(decision).isEqualTo(new ScheduleDecision(Optional.empty(), 0, Optional.empty()));
    }

    @Test
    void decidesInTheScheduleZoneAcrossTheSpringGap() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CronExpression daily = CronExpression.parse("30 2 * * *");
        Instant lastRun = ZonedDateTime.parse("2026-03-28T02:30+01:00[Europe/Berlin]").toInstant();

        ScheduleDecision sundayNoon = ScheduleDecision.decide(daily, berlin, CREATED, lastRun, false, null,
                ZonedDateTime.parse("2026-03-29T12:00+02:00[Europe/Berlin]").toInstant());

        assertThat(sundayNoon.runNow()).as("02:30 did not exist that night").isEmpty();
        assertThat(sundayNoon.missed()).isZero();
        assertThat(sundayNoon.next()).contains(at("2026-03-30T00:30:00Z"));
    }

    @Test
    void decidesInTheScheduleZoneAcrossTheRepeatedHour() {
        ZoneId newYork = ZoneId.of("America/New_York");
        CronExpression daily = CronExpression.parse("30 1 * * *");
        Instant firstCopy = ZonedDateTime.parse("2026-11-01T01:30-04:00[America/New_York]").toInstant();

        ScheduleDecision inSecondCopy = ScheduleDecision.decide(daily, newYork, CREATED, firstCopy, false, null,
                ZonedDateTime.parse("2026-11-01T01:40-05:00[America/New_York]").toInstant());

        assertThat(inSecondCopy.runNow()).isEmpty();
        assertThat(inSecondCopy.next()).contains(at("2026-11-02T06:30:00Z"));
    }

    @Test
    void theLatestTimeIsOnAMinuteEvenWhenNowIsNot() {
        ScheduleDecision decision = hourly("2026-01-05T10:00:00Z", "2026-01-05T11:59:59.999Z");

        assertThat(decision.runNow()).contains(at("2026-01-05T11:00:00Z"));
        assertThat(decision.runNow().orElseThrow().truncatedTo(ChronoUnit.MINUTES))
                .isEqualTo(decision.runNow().orElseThrow());
    }
}
