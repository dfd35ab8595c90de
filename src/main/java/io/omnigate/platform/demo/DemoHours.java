package io.omnigate.platform.demo;

import io.omnigate.platform.demo.DemoCities.City;
import io.omnigate.platform.demo.DemoNetworkGenerator.HoursException;
import io.omnigate.platform.demo.DemoNetworkGenerator.TimeRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Opening hours of demo locations: store hours by country custom, holidays, round-the-clock sites. */
final class DemoHours {

    private static final List<TimeRange> ALL_DAY = List.of(new TimeRange("00:00", "23:59"));
    private static final List<String> LUNCH_BREAK_COUNTRIES = List.of("IT", "ES", "PT");
    private static final String[] STORE_OPENS = {"08:00", "08:30", "09:00", "09:30", "10:00"};
    private static final String[] STORE_CLOSES = {"19:00", "19:30", "20:00", "20:30", "21:00", "22:00"};

    private DemoHours() {}

    /** Open every day around the clock: DCs and lockers. */
    static Map<DayOfWeek, List<TimeRange>> allDay() {
        return everyDay(ALL_DAY);
    }

    static Map<DayOfWeek, List<TimeRange>> storeOpeningHours(SplittableRandom random, City city) {
        String open = STORE_OPENS[random.nextInt(STORE_OPENS.length)];
        String close = STORE_CLOSES[random.nextInt(STORE_CLOSES.length)];
        boolean lunchBreak = LUNCH_BREAK_COUNTRIES.contains(city.country()) && random.nextDouble() < 0.2;
        List<TimeRange> weekday = lunchBreak
                ? List.of(new TimeRange(open, "13:00"), new TimeRange("15:30", close))
                : List.of(new TimeRange(open, close));
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, weekday);
        }
        boolean openOnSunday = city.country().equals("US") || random.nextDouble() < 0.55;
        hours.put(DayOfWeek.SUNDAY, openOnSunday ? List.of(new TimeRange("10:00", "19:00")) : List.of());
        return Collections.unmodifiableMap(hours);
    }

    /** Closed on New Year's Day and Christmas, short hours on Christmas Eve, in each of {@code years}. */
    static List<HoursException> storeHoursExceptions(List<LocalDate> years) {
        List<HoursException> exceptions = new ArrayList<>();
        for (LocalDate year : years) {
            exceptions.add(new HoursException(year.withDayOfYear(1), List.of()));
            exceptions.add(new HoursException(
                    year.withMonth(12).withDayOfMonth(24), List.of(new TimeRange("09:00", "14:00"))));
            exceptions.add(new HoursException(year.withMonth(12).withDayOfMonth(25), List.of()));
        }
        return List.copyOf(exceptions);
    }

    /** The year of {@code referenceTime} and the next, so holidays stay ahead of the load time. */
    static List<LocalDate> holidayYears(Instant referenceTime) {
        int year = referenceTime.atZone(ZoneOffset.UTC).getYear();
        return List.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    private static Map<DayOfWeek, List<TimeRange>> everyDay(List<TimeRange> hours) {
        Map<DayOfWeek, List<TimeRange>> result = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            result.put(day, hours);
        }
        return Collections.unmodifiableMap(result);
    }
}
