package io.omnigate.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.Location.HoursException;
import io.omnigate.network.Location.TimeRange;
import io.omnigate.network.LocationType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickupSchedulerTest {

    // Wednesday 2026-03-11 (Europe/Rome is UTC+1 until the end of March).
    private static final Instant WEDNESDAY_10_ROME = Instant.parse("2026-03-11T09:00:00Z");
    private static final Instant HORIZON = WEDNESDAY_10_ROME.plus(Duration.ofDays(7));

    static Location store(String zone, int leadMinutes, int capacity, List<HoursException> exceptions) {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SUNDAY) {
                hours.put(day, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(20, 0))));
            }
        }
        return new Location(
                "S-1",
                LocationType.STORE,
                "Store",
                45.0,
                9.0,
                zone,
                Set.of(Capability.PICKUP),
                hours,
                exceptions,
                leadMinutes,
                capacity,
                Map.of(),
                null,
                null,
                1,
                null,
                null,
                1,
                null);
    }

    @Test
    void openStoreIsReadyAfterTheLeadTimeUntilClosing() {
        var ready = PickupScheduler.nextPickup(
                        store("Europe/Rome", 60, 10, List.of()), WEDNESDAY_10_ROME, Duration.ZERO, Map.of(), HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-11T10:00:00Z"), ready.readyAt());
        assertEquals(Instant.parse("2026-03-11T19:00:00Z"), ready.windowTo());
    }

    @Test
    void holidayMovesReadinessToTheNextOpening() {
        Location closedToday =
                store("Europe/Rome", 60, 10, List.of(new HoursException(LocalDate.of(2026, 3, 11), List.of())));
        var ready = PickupScheduler.nextPickup(closedToday, WEDNESDAY_10_ROME, Duration.ZERO, Map.of(), HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-12T09:00:00Z"), ready.readyAt(), "Thursday 09:00 open + 1 h lead, Rome");
    }

    @Test
    void afterClosingTheOrderIsReadyNextMorning() {
        Instant evening = Instant.parse("2026-03-11T18:30:00Z"); // 19:30 in Rome: lead would pass 20:00
        var ready = PickupScheduler.nextPickup(
                        store("Europe/Rome", 60, 10, List.of()), evening, Duration.ZERO, Map.of(), HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-12T09:00:00Z"), ready.readyAt());
    }

    @Test
    void fullHourMovesReadinessToTheNextHourWithRoom() {
        Map<Instant, Integer> load =
                Map.of(Instant.parse("2026-03-11T09:00:00Z"), 10, Instant.parse("2026-03-11T10:00:00Z"), 10);
        var ready = PickupScheduler.nextPickup(
                        store("Europe/Rome", 60, 10, List.of()), WEDNESDAY_10_ROME, Duration.ZERO, load, HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-11T12:00:00Z"), ready.readyAt(), "work starts 11:00 UTC, ready 12:00");
    }

    @Test
    void hoursAreReadInTheStoresOwnZone() {
        // 09:00 UTC is 05:00 in New York (UTC-4 after 2026-03-08): closed until 09:00 local.
        var ready = PickupScheduler.nextPickup(
                        store("America/New_York", 30, 10, List.of()),
                        WEDNESDAY_10_ROME,
                        Duration.ZERO,
                        Map.of(),
                        HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-11T13:30:00Z"), ready.readyAt());
    }

    @Test
    void staleStockAddsItsBufferToTheLeadTime() {
        var ready = PickupScheduler.nextPickup(
                        store("Europe/Rome", 60, 10, List.of()),
                        WEDNESDAY_10_ROME,
                        Duration.ofHours(1),
                        Map.of(),
                        HORIZON)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-11T11:00:00Z"), ready.readyAt());
    }

    @Test
    void noCapacityAtAllMeansNoPickupWithinTheHorizon() {
        assertTrue(PickupScheduler.nextPickup(
                        store("Europe/Rome", 60, 0, List.of()), WEDNESDAY_10_ROME, Duration.ZERO, Map.of(), HORIZON)
                .isEmpty());
    }
}
