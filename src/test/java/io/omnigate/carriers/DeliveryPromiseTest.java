package io.omnigate.carriers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryPromiseTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private final DeliveryPromise promise =
            new DeliveryPromise(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 3, 16)));

    @Test
    void beforeTheCutOffTransitStartsToday() {
        // Wednesday 2026-03-11 12:00 Rome.
        assertEquals(
                LocalDate.of(2026, 3, 13),
                promise.promisedBy(Instant.parse("2026-03-11T11:00:00Z"), ROME, LocalTime.of(17, 0), 2));
    }

    @Test
    void aPassedCutOffMovesThePromiseOneWorkingDay() {
        // Wednesday 18:00 Rome: dispatch Thursday, two working days → Monday is a holiday → Tuesday.
        assertEquals(
                LocalDate.of(2026, 3, 17),
                promise.promisedBy(Instant.parse("2026-03-11T17:00:00Z"), ROME, LocalTime.of(17, 0), 2));
    }

    @Test
    void weekendOrdersLeaveOnTheNextWorkingDay() {
        // Saturday 2026-03-14 10:00 Rome; Monday 16th is a holiday: dispatch Tuesday, 1 day → Wednesday.
        assertEquals(
                LocalDate.of(2026, 3, 18),
                promise.promisedBy(Instant.parse("2026-03-14T09:00:00Z"), ROME, LocalTime.of(17, 0), 1));
    }

    @Test
    void cutOffIsReadInTheShipFromZone() {
        // 16:30 UTC is 17:30 in Rome (passed) but 12:30 in New York (not passed).
        Instant now = Instant.parse("2026-03-11T16:30:00Z");
        assertEquals(LocalDate.of(2026, 3, 12), promise.promisedBy(now, ROME, LocalTime.of(17, 0), 0));
        assertEquals(
                LocalDate.of(2026, 3, 11),
                promise.promisedBy(now, ZoneId.of("America/New_York"), LocalTime.of(17, 0), 0));
    }
}
