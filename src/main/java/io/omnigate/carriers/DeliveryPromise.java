package io.omnigate.carriers;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The delivery date a carrier service can promise: dispatched today when it is a working day and
 * the cut-off (in the ship-from location's zone) has not passed, else on the next working day;
 * then {@code transitDays} working days on the road.
 */
public final class DeliveryPromise {

    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;

    public DeliveryPromise(Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {
        this.workingDays = Set.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
    }

    public LocalDate promisedBy(Instant now, ZoneId originZone, LocalTime cutOff, int transitDays) {
        ZonedDateTime local = now.atZone(originZone);
        LocalDate day = local.toLocalDate();
        if (!isWorkingDay(day) || !local.toLocalTime().isBefore(cutOff)) {
            day = nextWorkingDay(day);
        }
        for (int i = 0; i < transitDays; i++) {
            day = nextWorkingDay(day);
        }
        return day;
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        for (int guard = 0; guard < 366 && !isWorkingDay(day); guard++) {
            day = day.plusDays(1);
        }
        return day;
    }
}
