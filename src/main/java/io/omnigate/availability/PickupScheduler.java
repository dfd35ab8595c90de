package io.omnigate.availability;

import io.omnigate.network.Location;
import io.omnigate.network.Location.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a store can have an order ready: work starts when the store is open (its own zone, holiday
 * exceptions included) in a clock hour that still has capacity, and takes the pickup lead time,
 * which must end before that opening range closes. Pure, so it is tested with fixed instants.
 */
public final class PickupScheduler {

    /** Ready from {@code readyAt} until the store closes that day. */
    public record Ready(Instant readyAt, Instant windowTo) {}

    private PickupScheduler() {}

    /**
     * @param earliest when work may start: now, or when inbound stock arrives
     * @param extraLead added to the location's pickup lead time (stale stock counts)
     * @param assignedByHour fulfillments already assigned per clock hour (UTC hour start)
     * @param horizonEnd no later than this
     */
    public static Optional<Ready> nextPickup(
            Location location,
            Instant earliest,
            Duration extraLead,
            Map<Instant, Integer> assignedByHour,
            Instant horizonEnd) {
        ZoneId zone = location.zone();
        Duration lead = Duration.ofMinutes(location.pickupLeadMinutes()).plus(extraLead);
        LocalDate day = earliest.atZone(zone).toLocalDate();
        while (!day.atStartOfDay(zone).toInstant().isAfter(horizonEnd)) {
            List<TimeRange> ranges = byOpening(location.hoursOn(day));
            for (TimeRange range : ranges) {
                Instant open = ZonedDateTime.of(day, range.open(), zone).toInstant();
                Instant close = range.close().equals(LocalTime.MIDNIGHT)
                                || !range.close().isAfter(range.open())
                        ? day.plusDays(1).atStartOfDay(zone).toInstant()
                        : ZonedDateTime.of(day, range.close(), zone).toInstant();
                Instant start = earliest.isAfter(open) ? earliest : open;
                while (start.isBefore(close)) {
                    Instant ready = start.plus(lead);
                    if (ready.isAfter(close) || ready.isAfter(horizonEnd)) {
                        break;
                    }
                    Instant hour = start.truncatedTo(ChronoUnit.HOURS);
                    if (assignedByHour.getOrDefault(hour, 0) < location.hourlyCapacity()) {
                        return Optional.of(new Ready(ready, close));
                    }
                    start = hour.plus(1, ChronoUnit.HOURS);
                }
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    /** The day's ranges by opening time; most days have one range, or already come in order. */
    private static List<TimeRange> byOpening(List<TimeRange> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).open().isBefore(ranges.get(i - 1).open())) {
                return ranges.stream()
                        .sorted(Comparator.comparing(TimeRange::open))
                        .toList();
            }
        }
        return ranges;
    }
}
