package dev.operator.discourse.backup.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup schedule in the five-field cron syntax a Kubernetes CronJob's {@code spec.schedule} accepts, so that a
 * schedule a user already wrote for a CronJob means the same here. Kubernetes parses it with robfig/cron v3's
 * standard parser; this class follows that parser's rules, including its less obvious ones:
 * <ul>
 * <li>{@code a/n} means {@code a-max/n};</li>
 * <li>day-of-month and day-of-week are OR-ed only when both are restricted. A field counts as unrestricted when one
 * of its items is {@code *} or {@code ?} without a step above 1, so {@code *}{@code /2} restricts (robfig clears
 * its "star" bit for a real step) while {@code 1-31} restricts too;</li>
 * <li>the macros are lower case only, and a {@code TZ=}/{@code CRON_TZ=} prefix is refused, as the Kubernetes API
 * refuses it: the time zone is a field of its own.</li>
 * </ul>
 * Deliberate differences, all stricter or an addition: day-of-week also takes 7 for Sunday (the crontab(5)
 * convention users expect; robfig stops at 6), {@code ?} is refused outside the day fields, empty list items and
 * {@code *-n} are refused rather than ignored, and {@code @every} is not offered (it is not a calendar schedule).
 *
 * <p>Daylight-saving changes, in the zone of the time handed to {@link #next(ZonedDateTime)}:
 * <ul>
 * <li>spring forward: a wall-clock time inside the gap does not exist and is <em>skipped</em>, as robfig does (a
 * daily 02:30 in Europe/Berlin does not run on the last Sunday of March). Running it late instead would put two
 * runs close together for schedules that also match just after the gap;</li>
 * <li>fall back: a schedule that names its hours (a daily 01:30) runs <em>once</em>, at the first occurrence of
 * the repeated time. This departs from robfig, which runs it again an hour later: two backups of a forum an hour
 * apart buy nothing and cost a full dump. A schedule whose hour field matches every hour ({@code 0 * * * *},
 * {@code *}{@code /15 * * * *}) is about elapsed time rather than the clock, so it matches in both copies of the
 * repeated hour and keeps its cadence, as robfig does.</li>
 * </ul>
 * Times are whole minutes; there is no seconds field.
 */
public final class CronExpression {

    /**
     * How far {@link #next(ZonedDateTime)} looks before deciding a schedule never fires: robfig's limit (the rest
     * of the year plus five years), so that a schedule Kubernetes would call dead is dead here too.
     */
    private static final int SEARCH_YEARS = 5;

    private static final Map<String, String> MACROS = macros();
    private static final long EVERY_HOUR = (1L << 24) - 1;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean bothDayFieldsRestricted;

    private CronExpression(String text, List<FieldValues> fields) {
        this.text = text;
        this.minutes = fields.get(0).bits();
        this.hours = fields.get(1).bits();
        this.daysOfMonth = fields.get(2).bits();
        this.months = fields.get(3).bits();
        this.daysOfWeek = fields.get(4).bits();
        this.bothDayFieldsRestricted = fields.get(2).restricted() && fields.get(4).restricted();
    }

    /**
     * @throws IllegalArgumentException naming the field and the item at fault, so that the message can go to the
     *         user unchanged (in a status condition or an admission error)
     */
    public static CronExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("schedule is empty");
        }
        if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
            String prefix = trimmed.split("\\s+", 2)[0];
            throw new IllegalArgumentException("time zone prefix '" + prefix
                    + "' is not allowed in the schedule; set the time zone in its own field");
        }
        String expanded = trimmed;
        if (trimmed.startsWith("@")) {
            expanded = MACROS.get(trimmed);
            if (expanded == null) {
                throw new IllegalArgumentException("unknown macro '" + trimmed + "'; expected one of "
                        + String.join(", ", MACROS.keySet()));
            }
        }
        String[] items = expanded.split("\\s+");
        Field[] fields = Field.values();
        if (items.length != fields.length) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week) but found "
                    + items.length + " in '" + trimmed + "'");
        }
        FieldValues[] values = new FieldValues[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].parse(items[i]);
        }
        return new CronExpression(trimmed, List.of(values));
    }

    /**
     * The first scheduled time strictly after {@code after}, in its zone, on a whole minute; empty when the
     * schedule does not fire before the end of the fifth year after {@code after}'s year (such as {@code 0 0 30 2 *}).
     *
     * <p>The search walks the zone's stretches of constant offset: within one, wall clock and instants move
     * together, so the first matching wall-clock time is the first matching instant. Gaps fall between stretches
     * and so are skipped; a repeated hour begins the later stretch and is skipped there for schedules that run once
     * (see the class comment).
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        Instant start = after.toInstant();
        LocalDateTime limit = LocalDate.of(after.getYear() + SEARCH_YEARS + 1, 1, 1).atStartOfDay();

        ZoneOffset offset = rules.getOffset(start);
        LocalDateTime from = LocalDateTime.ofInstant(start, offset).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZoneOffsetTransition began = rules.previousTransition(start.plusNanos(1));
        if (began != null) {
            from = pastRepeatedTimes(began, from);
        }
        while (true) {
            ZoneOffsetTransition ends = rules.nextTransition(start);
            boolean last = ends == null || !ends.getDateTimeBefore().isBefore(limit);
            LocalDateTime end = last ? limit : ends.getDateTimeBefore();
            Optional<LocalDateTime> match = firstMatch(from, end);
            if (match.isPresent()) {
                return Optional.of(ZonedDateTime.ofInstant(match.get().toInstant(offset), zone));
            }
            if (last) {
                return Optional.empty();
            }
            start = ends.getInstant();
            offset = ends.getOffsetAfter();
            from = pastRepeatedTimes(ends, ends.getDateTimeAfter());
        }
    }

    /** The schedule as the user wrote it (trimmed), macros unexpanded, for status and messages. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "CronExpression[" + text + "]";
    }

    /** Where to start in the stretch after {@code transition}: past the repeated wall-clock times, unless they run twice. */
    private LocalDateTime pastRepeatedTimes(ZoneOffsetTransition transition, LocalDateTime from) {
        if (transition.isOverlap() && hours != EVERY_HOUR && from.isBefore(transition.getDateTimeBefore())) {
            return transition.getDateTimeBefore();
        }
        return from;
    }

    /**
     * The first matching wall-clock time in [from, end). Whole months, days and hours that cannot match are
     * stepped over at once, so even a schedule that never fires costs a few hundred steps over the search limit.
     */
    private Optional<LocalDateTime> firstMatch(LocalDateTime from, LocalDateTime end) {
        LocalDateTime t = from;
        while (t.isBefore(end)) {
            LocalDate day = t.toLocalDate();
            if (!has(months, t.getMonthValue())) {
                t = day.withDayOfMonth(1).plusMonths(1).atStartOfDay();
                continue;
            }
            if (!dayMatches(day)) {
                t = day.plusDays(1).atStartOfDay();
                continue;
            }
            int hour = nextAtOrAfter(hours, t.getHour());
            if (hour < 0) {
                t = day.plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = day.atTime(hour, 0);
            }
            int minute = nextAtOrAfter(minutes, t.getMinute());
            if (minute < 0) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            t = t.withMinute(minute);
            return t.isBefore(end) ? Optional.of(t) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Classic cron: when both day fields are restricted, either may match. */
    private boolean dayMatches(LocalDate day) {
        boolean dayOfMonth = has(daysOfMonth, day.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, day.getDayOfWeek().getValue() % 7);
        return bothDayFieldsRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static boolean has(long bits, int value) {
        return (bits >>> value & 1L) != 0;
    }

    private static int nextAtOrAfter(long bits, int from) {
        long remaining = bits & (-1L << from);
        return remaining == 0 ? -1 : Long.numberOfTrailingZeros(remaining);
    }

    private static Map<String, String> macros() {
        Map<String, String> macros = new LinkedHashMap<>();
        macros.put("@yearly", "0 0 1 1 *");
        macros.put("@annually", "0 0 1 1 *");
        macros.put("@monthly", "0 0 1 * *");
        macros.put("@weekly", "0 0 * * 0");
        macros.put("@daily", "0 0 * * *");
        macros.put("@midnight", "0 0 * * *");
        macros.put("@hourly", "0 * * * *");
        return macros;
    }

    /** The values one field allows, and whether it restricts at all (which decides how the day fields combine). */
    private record FieldValues(long bits, boolean restricted) {
    }

    /** One of the five fields, with its bounds and names, and the grammar of its items. */
    private enum Field {
        MINUTE("minute", 0, 59, 59, List.of(), ""),
        HOUR("hour", 0, 23, 23, List.of(), ""),
        DAY_OF_MONTH("day-of-month", 1, 31, 31, List.of(), ""),
        MONTH("month", 1, 12, 12,
                List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
                "month name (JAN-DEC)"),
        /** 7 is accepted as Sunday, but {@code *} and {@code a/n} run to Saturday (6), as in robfig. */
        DAY_OF_WEEK("day-of-week", 0, 7, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
                "day name (SUN-SAT)");

        private final String label;
        private final int min;
        private final int max;
        private final int openEnd;
        private final List<String> names;
        private final String nameKind;

        Field(String label, int min, int max, int openEnd, List<String> names, String nameKind) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.openEnd = openEnd;
            this.names = names;
            this.nameKind = nameKind;
        }

        FieldValues parse(String field) {
            long bits = 0;
            boolean restricted = true;
            for (String item : field.split(",", -1)) {
                if (item.isEmpty()) {
                    throw error("'" + field + "' has an empty list item");
                }
                bits |= parseItem(item);
                if (isWildcard(item)) {
                    restricted = false;
                }
            }
            if (this == DAY_OF_WEEK && has(bits, 7)) {
                bits = (bits | 1L) & ~(1L << 7);
            }
            return new FieldValues(bits, restricted);
        }

        private boolean isWildcard(String item) {
            String[] rangeAndStep = item.split("/", -1);
            boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
            return star && (rangeAndStep.length == 1 || Integer.parseInt(rangeAndStep[1]) <= 1);
        }

        private long parseItem(String item) {
            String[] rangeAndStep = item.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw error("'" + item + "' has more than one '/'");
            }
            String range = rangeAndStep[0];
            int step = rangeAndStep.length == 2 ? parseStep(rangeAndStep[1], item) : 1;
            int start;
            int end;
            if (range.equals("*") || range.equals("?")) {
                if (range.equals("?") && this != DAY_OF_MONTH && this != DAY_OF_WEEK) {
                    throw error("'?' is not allowed; use '*' ('?' is only for day-of-month and day-of-week)");
                }
                start = min;
                end = openEnd;
            } else {
                String[] bounds = range.split("-", -1);
                if (bounds.length > 2) {
                    throw error("'" + item + "' has more than one '-'");
                }
                if (bounds[0].equals("*") || bounds[0].equals("?")) {
                    throw error("'" + item + "' cannot use '" + bounds[0] + "' as the start of a range");
                }
                start = parseValue(bounds[0], item);
                if (bounds.length == 2) {
                    end = parseValue(bounds[1], item);
                } else {
                    end = rangeAndStep.length == 2 ? Math.max(openEnd, start) : start;
                }
                if (start > end) {
                    throw error("range '" + range + "' starts after it ends");
                }
            }
            long bits = 0;
            for (int value = start; value <= end; value += step) {
                bits |= 1L << value;
            }
            return bits;
        }

        private int parseStep(String step, String item) {
            if (!isDigits(step) || step.length() > 9 || Integer.parseInt(step) == 0) {
                throw error("step '" + step + "' in '" + item + "' is not a positive whole number");
            }
            return Integer.parseInt(step);
        }

        private int parseValue(String token, String item) {
            String where = token.equals(item) ? "" : " in '" + item + "'";
            int index = names.indexOf(token.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + min;
            }
            if (!isDigits(token)) {
                String expected = nameKind.isEmpty() ? "a number" : "a number or a " + nameKind;
                throw error("'" + token + "'" + where + " is not " + expected);
            }
            int value = token.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(token);
            if (value < min || value > max) {
                throw error("'" + token + "'" + where + " is out of range " + min + "-" + max);
            }
            return value;
        }

        private static boolean isDigits(String token) {
            return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(label + " field " + problem);
        }
    }
}
