package dev.operator.discourse.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** The next {@code count} times after {@code start} (UTC wall clock), as UTC wall-clock strings. */
    static List<String> runs(String expression, String start, int count) {
        List<String> times = new ArrayList<>();
        for (ZonedDateTime time : zonedRuns(expression, LocalDateTime.parse(start).atZone(ZoneOffset.UTC), count)) {
            times.add(time.toLocalDateTime().toString());
        }
        return times;
    }

    /** The next {@code count} times after {@code start} (an ISO time with offset and zone), with their offsets. */
    static List<String> runsIn(String expression, String start, int count) {
        List<String> times = new ArrayList<>();
        for (ZonedDateTime time : zonedRuns(expression, ZonedDateTime.parse(start), count)) {
            times.add(time.toOffsetDateTime().toString());
        }
        return times;
    }

    static List<ZonedDateTime> zonedRuns(String expression, ZonedDateTime start, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime cursor = start;
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = cron.next(cursor);
            if (next.isEmpty()) {
                break;
            }
            cursor = next.get();
            times.add(cursor);
        }
        return times;
    }

    @Nested
    class Syntax {

        @Test
        void everyMinute() {
            assertThat(runs("* * * * *", "2026-01-01T00:00", 3))
                    .containsExactly("2026-01-01T00:01", "2026-01-01T00:02", "2026-01-01T00:03");
        }

        @Test
        void singleValues() {
            assertThat(runs("30 4 * * *", "2026-01-01T05:00", 2)).containsExactly("2026-01-02T04:30", "2026-01-03T04:30");
        }

        @Test
        void list() {
            assertThat(runs("0,15,45 * * * *", "2026-01-01T00:00", 4))
                    .containsExactly("2026-01-01T00:15", "2026-01-01T00:45", "2026-01-01T01:00", "2026-01-01T01:15");
        }

        @Test
        void range() {
            assertThat(runs("10-12 * * * *", "2026-01-01T00:00", 4))
                    .containsExactly("2026-01-01T00:10", "2026-01-01T00:11", "2026-01-01T00:12", "2026-01-01T01:10");
        }

        @Test
        void stepOverEverything() {
            assertThat(runs("*/20 * * * *", "2026-01-01T00:00", 3))
                    .containsExactly("2026-01-01T00:20", "2026-01-01T00:40", "2026-01-01T01:00");
            assertThat(runs("0 */6 * * *", "2026-01-01T00:00", 3))
                    .containsExactly("2026-01-01T06:00", "2026-01-01T12:00", "2026-01-01T18:00");
        }

        @Test
        void stepOverRange() {
            assertThat(runs("10-30/10 * * * *", "2026-01-01T00:00", 4))
                    .containsExactly("2026-01-01T00:10", "2026-01-01T00:20", "2026-01-01T00:30", "2026-01-01T01:10");
        }

        @Test
        void stepFromStartRunsToTheEndOfTheField() {
            assertThat(runs("50/5 * * * *", "2026-01-01T00:00", 3))
                    .containsExactly("2026-01-01T00:50", "2026-01-01T00:55", "2026-01-01T01:50");
        }

        @Test
        void monthNamesInAnyCase() {
            assertThat(runs("0 0 1 JAN,jul *", "2026-01-01T00:00", 3))
                    .containsExactly("2026-07-01T00:00", "2027-01-01T00:00", "2027-07-01T00:00");
            assertThat(runs("0 0 1 Mar-May *", "2026-01-01T00:00", 4))
                    .containsExactly("2026-03-01T00:00", "2026-04-01T00:00", "2026-05-01T00:00", "2027-03-01T00:00");
        }

        @Test
        void dayNamesInAnyCase() {
            // 2026-01-01 is a Thursday.
            assertThat(runs("0 9 * * mon-FRI", "2026-01-01T00:00", 3))
                    .containsExactly("2026-01-01T09:00", "2026-01-02T09:00", "2026-01-05T09:00");
            assertThat(runs("0 9 * * Sat,sun", "2026-01-01T00:00", 2))
                    .containsExactly("2026-01-03T09:00", "2026-01-04T09:00");
        }

        @Test
        void sevenIsSunday() {
            List<String> sundays = List.of("2026-01-04T00:00", "2026-01-11T00:00");
            assertThat(runs("0 0 * * 7", "2026-01-01T00:00", 2)).isEqualTo(sundays);
            assertThat(runs("0 0 * * 0", "2026-01-01T00:00", 2)).isEqualTo(sundays);
            assertThat(runs("0 0 * * SUN", "2026-01-01T00:00", 2)).isEqualTo(sundays);
            assertThat(runs("0 0 * * 5-7", "2026-01-01T00:00", 4))
                    .containsExactly("2026-01-02T00:00", "2026-01-03T00:00", "2026-01-04T00:00", "2026-01-09T00:00");
        }

        @Test
        void questionMarkIsAStarInTheDayFields() {
            assertThat(runs("0 0 ? * MON", "2026-01-01T00:00", 2)).containsExactly("2026-01-05T00:00", "2026-01-12T00:00");
            assertThat(runs("0 0 1 * ?", "2026-01-01T00:00", 2)).containsExactly("2026-02-01T00:00", "2026-03-01T00:00");
        }

        @Test
        void anyWhitespaceSeparatesFields() {
            CronExpression cron = CronExpression.parse("  0   3\t* * *  ");
            assertThat(cron.text()).isEqualTo("0   3\t* * *");
            assertThat(runs("  0   3\t* * *  ", "2026-01-01T00:00", 1)).containsExactly("2026-01-01T03:00");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "@yearly   | 0 0 1 1 *",
                "@annually | 0 0 1 1 *",
                "@monthly  | 0 0 1 * *",
                "@weekly   | 0 0 * * 0",
                "@daily    | 0 0 * * *",
                "@midnight | 0 0 * * *",
                "@hourly   | 0 * * * *" })
        void macros(String macro, String expansion) {
            assertThat(runs(macro, "2026-01-01T00:00", 5)).hasSize(5).isEqualTo(runs(expansion, "2026-01-01T00:00", 5));
            assertThat(CronExpression.parse(macro).text()).isEqualTo(macro);
        }

        @Test
        void macrosMeanWhatTheySay() {
            assertThat(runs("@yearly", "2026-01-01T00:00", 1)).containsExactly("2027-01-01T00:00");
            assertThat(runs("@weekly", "2026-01-01T00:00", 1)).containsExactly("2026-01-04T00:00");
            assertThat(runs("@hourly", "2026-01-01T00:00", 1)).containsExactly("2026-01-01T01:00");
        }

        @Test
        void textAndToString() {
            CronExpression cron = CronExpression.parse("0 3 * * *");
            assertThat(cron.text()).isEqualTo("0 3 * * *");
            assertThat(cron).hasToString("CronExpression[0 3 * * *]").isEqualTo(CronExpression.parse(" 0 3 * * * "));
        }
    }

    @Nested
    class DayOfMonthAndDayOfWeek {

        @Test
        void eitherMatchesWhenBothAreRestricted() {
            // Fridays, and the 13th (a Tuesday in January 2026).
            assertThat(runs("0 0 13 * FRI", "2026-01-01T00:00", 4))
                    .containsExactly("2026-01-02T00:00", "2026-01-09T00:00", "2026-01-13T00:00", "2026-01-16T00:00");
        }

        @Test
        void aStarDayFieldLeavesTheOtherToDecide() {
            assertThat(runs("0 0 13 * *", "2026-01-01T00:00", 2)).containsExactly("2026-01-13T00:00", "2026-02-13T00:00");
            assertThat(runs("0 0 * * FRI", "2026-01-01T00:00", 2)).containsExactly("2026-01-02T00:00", "2026-01-09T00:00");
        }

        @Test
        void aSteppedStarRestricts() {
            // As robfig: */10 is days 1, 11, 21, 31, OR-ed with Mondays (5, 12, 19, 26).
            assertThat(runs("0 0 */10 * MON", "2026-01-01T00:00", 7)).containsExactly("2026-01-05T00:00",
                    "2026-01-11T00:00", "2026-01-12T00:00", "2026-01-19T00:00", "2026-01-21T00:00", "2026-01-26T00:00",
                    "2026-01-31T00:00");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "* * * *                     | expected 5 fields (minute hour day-of-month month day-of-week) but found 4 in '* * * *'",
                "0 * * * * *                 | expected 5 fields (minute hour day-of-month month day-of-week) but found 6 in '0 * * * * *'",
                "TZ=Europe/Berlin 0 3 * * *  | time zone prefix 'TZ=Europe/Berlin' is not allowed in the schedule; set the time zone in its own field",
                "CRON_TZ=UTC 0 3 * * *       | time zone prefix 'CRON_TZ=UTC' is not allowed in the schedule; set the time zone in its own field",
                "@every 1h                   | unknown macro '@every 1h'; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
                "@DAILY                      | unknown macro '@DAILY'; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
                "61 * * * *                  | minute field '61' is out of range 0-59",
                "0 24 * * *                  | hour field '24' is out of range 0-23",
                "0 0 0 * *                   | day-of-month field '0' is out of range 1-31",
                "0 0 32 * *                  | day-of-month field '32' is out of range 1-31",
                "0 0 * 13 *                  | month field '13' is out of range 1-12",
                "0 0 * 0 *                   | month field '0' is out of range 1-12",
                "0 0 * * 8                   | day-of-week field '8' is out of range 0-7",
                "99999999999 * * * *         | minute field '99999999999' is out of range 0-59",
                "5-61 * * * *                | minute field '61' in '5-61' is out of range 0-59",
                "x * * * *                   | minute field 'x' is not a number",
                "-5 * * * *                  | minute field '' in '-5' is not a number",
                "0 0 * FOO *                 | month field 'FOO' is not a number or a month name (JAN-DEC)",
                "0 0 * MON *                 | month field 'MON' is not a number or a month name (JAN-DEC)",
                "0 0 * * MONDAY              | day-of-week field 'MONDAY' is not a number or a day name (SUN-SAT)",
                "0 20-10 * * *               | hour field range '20-10' starts after it ends",
                "0 0 * * FRI-MON             | day-of-week field range 'FRI-MON' starts after it ends",
                "*/0 * * * *                 | minute field step '0' in '*/0' is not a positive whole number",
                "*/x * * * *                 | minute field step 'x' in '*/x' is not a positive whole number",
                "0 1-5/ * * *                | hour field step '' in '1-5/' is not a positive whole number",
                "1/2/3 * * * *               | minute field '1/2/3' has more than one '/'",
                "1-2-3 * * * *               | minute field '1-2-3' has more than one '-'",
                "1,,2 * * * *                | minute field '1,,2' has an empty list item",
                "0 0 1, * *                  | day-of-month field '1,' has an empty list item",
                "*-5 * * * *                 | minute field '*-5' cannot use '*' as the start of a range",
                "? * * * *                   | minute field '?' is not allowed; use '*' ('?' is only for day-of-month and day-of-week)",
                "0 0 * ? *                   | month field '?' is not allowed; use '*' ('?' is only for day-of-month and day-of-week)" })
        void sayWhatIsWrongAndWhere(String expression, String message) {
            assertThatThrownBy(() -> CronExpression.parse(expression))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void blankIsEmpty() {
            assertThatThrownBy(() -> CronExpression.parse("")).hasMessage("schedule is empty");
            assertThatThrownBy(() -> CronExpression.parse(" \t ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule is empty");
        }

        @Test
        void nullIsAProgrammingError() {
            assertThatThrownBy(() -> CronExpression.parse(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Next {

        @Test
        void isStrictlyAfterAndOnAWholeMinute() {
            CronExpression cron = CronExpression.parse("* * * * *");
            ZonedDateTime at = ZonedDateTime.parse("2026-01-01T10:00:00Z");
            assertThat(cron.next(at)).contains(ZonedDateTime.parse("2026-01-01T10:01:00Z"));
            assertThat(cron.next(at.plusSeconds(30).plusNanos(5))).contains(ZonedDateTime.parse("2026-01-01T10:01:00Z"));
        }

        @Test
        void skipsMonthsTooShort() {
            assertThat(runs("0 0 31 * *", "2026-01-31T00:00", 4))
                    .containsExactly("2026-03-31T00:00", "2026-05-31T00:00", "2026-07-31T00:00", "2026-08-31T00:00");
            assertThat(runs("0 0 30 * *", "2026-01-30T00:00", 2)).containsExactly("2026-03-30T00:00", "2026-04-30T00:00");
        }

        @Test
        void crossesMonthAndYearEnds() {
            assertThat(runs("0 0 1 * *", "2026-01-31T12:00", 1)).containsExactly("2026-02-01T00:00");
            assertThat(runs("59 23 * * *", "2026-12-31T23:59", 1)).containsExactly("2027-01-01T23:59");
            assertThat(runs("0 0 * * *", "2028-02-28T12:00", 2)).containsExactly("2028-02-29T00:00", "2028-03-01T00:00");
        }

        @Test
        void leapDayComesEveryFourYears() {
            assertThat(runs("0 0 29 2 *", "2026-01-01T00:00", 3))
                    .containsExactly("2028-02-29T00:00", "2032-02-29T00:00", "2036-02-29T00:00");
        }

        @Test
        void givesUpAfterFiveYears() {
            // 2100 is no leap year, and 2104 is past the search limit (end of 2101), as in robfig.
            assertThat(runs("0 0 29 2 *", "2096-03-01T00:00", 1)).isEmpty();
            assertThat(runs("0 0 30 2 *", "2026-01-01T00:00", 1)).isEmpty();
            assertThat(runs("0 0 31 4,6,9,11 *", "2026-01-01T00:00", 1)).isEmpty();
        }

        @Test
        void keepsTheZoneItWasGiven() {
            ZonedDateTime after = ZonedDateTime.parse("2026-06-01T12:00+02:00[Europe/Berlin]");
            assertThat(CronExpression.parse("0 3 * * *").next(after))
                    .contains(ZonedDateTime.parse("2026-06-02T03:00+02:00[Europe/Berlin]"))
                    .get().extracting(ZonedDateTime::getZone).isEqualTo(BERLIN);
        }

        @Test
        void halfHourOffset() {
            ZonedDateTime noonUtc = Instant.parse("2026-01-01T12:00:00Z").atZone(KOLKATA);
            assertThat(CronExpression.parse("0 0 * * *").next(noonUtc).map(ZonedDateTime::toInstant))
                    .contains(Instant.parse("2026-01-01T18:30:00Z"));
            assertThat(runsIn("30 * * * *", "2026-01-01T17:30+05:30[Asia/Kolkata]", 2))
                    .containsExactly("2026-01-01T18:30+05:30", "2026-01-01T19:30+05:30");
        }
    }

    @Nested
    class SpringForward {

        @Test
        void aTimeInTheGapIsSkippedInBerlin() {
            // 2026-03-29: 02:00 CET becomes 03:00 CEST.
            assertThat(runsIn("30 2 * * *", "2026-03-28T12:00+01:00[Europe/Berlin]", 2))
                    .containsExactly("2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
        }

        @Test
        void hourlyGoesStraightAcrossTheGap() {
            assertThat(runsIn("0 * * * *", "2026-03-29T00:30+01:00[Europe/Berlin]", 3))
                    .containsExactly("2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00", "2026-03-29T04:00+02:00");
        }

        @Test
        void aTimeInTheGapIsSkippedInNewYork() {
            // 2026-03-08: 02:00 EST becomes 03:00 EDT; 03:00 itself still exists.
            assertThat(runsIn("30 2 * * *", "2026-03-07T12:00-05:00[America/New_York]", 1))
                    .containsExactly("2026-03-09T02:30-04:00");
            assertThat(runsIn("0 3 * * *", "2026-03-07T12:00-05:00[America/New_York]", 1))
                    .containsExactly("2026-03-08T03:00-04:00");
        }
    }

    @Nested
    class FallBack {

        @Test
        void aDailyTimeInTheRepeatedHourRunsOnceInBerlin() {
            // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
            assertThat(runsIn("30 2 * * *", "2026-10-24T12:00+02:00[Europe/Berlin]", 2))
                    .containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
        }

        @Test
        void aDailyTimeInTheRepeatedHourRunsOnceInNewYork() {
            // 2026-11-01: 02:00 EDT becomes 01:00 EST. robfig would run again at 01:30 EST.
            assertThat(runsIn("30 1 * * *", "2026-10-31T12:00-04:00[America/New_York]", 2))
                    .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
            assertThat(runsIn("30 1 * * *", "2026-11-01T01:45-04:00[America/New_York]", 1))
                    .containsExactly("2026-11-02T01:30-05:00");
            assertThat(runsIn("50 1 * * *", "2026-11-01T01:45-05:00[America/New_York]", 1))
                    .containsExactly("2026-11-02T01:50-05:00");
        }

        @Test
        void aScheduleNamingTheHourSkipsAllOfItsSecondCopy() {
            assertThat(runsIn("*/30 2 * * *", "2026-10-25T01:59+02:00[Europe/Berlin]", 3))
                    .containsExactly("2026-10-25T02:00+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:00+01:00");
        }

        @Test
        void hourlyRunsInBothCopiesOfTheHour() {
            assertThat(runsIn("0 * * * *", "2026-11-01T00:30-04:00[America/New_York]", 3))
                    .containsExactly("2026-11-01T01:00-04:00", "2026-11-01T01:00-05:00", "2026-11-01T02:00-05:00");
            assertThat(runsIn("0 * * * *", "2026-10-25T01:30+02:00[Europe/Berlin]", 3))
                    .containsExactly("2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00");
        }

        @Test
        void everyFewMinutesStaysInRealTimeOrder() {
            assertThat(runsIn("*/15 * * * *", "2026-11-01T01:10-04:00[America/New_York]", 4)).containsExactly(
                    "2026-11-01T01:15-04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:45-04:00", "2026-11-01T01:00-05:00");
            assertThat(runsIn("*/15 * * * *", "2026-11-01T01:50-04:00[America/New_York]", 1))
                    .containsExactly("2026-11-01T01:00-05:00");
        }
    }
}
