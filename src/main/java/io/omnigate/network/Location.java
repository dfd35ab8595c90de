package io.omnigate.network;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A place in the network as the API shows it, and as the in-memory index holds it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(
        String id,
        LocationType type,
        String name,
        double lat,
        double lon,
        String timeZone,
        Set<Capability> capabilities,
        Map<DayOfWeek, List<TimeRange>> openingHours,
        List<HoursException> hoursExceptions,
        int pickupLeadMinutes,
        int hourlyCapacity,
        Map<ParcelSize, Integer> compartments,
        String parentLocationId,
        Address address,
        int defaultSafetyStock,
        Instant stockSyncedAt,
        Instant snapshotAsOf,
        long version,
        Instant updatedAt) {

    /** Opening interval within one day, in the location's own time zone. */
    public record TimeRange(
            @JsonFormat(pattern = "HH:mm") LocalTime open,
            @JsonFormat(pattern = "HH:mm") LocalTime close) {}

    /** A dated change to the weekly hours: a holiday (no ranges) or special hours. */
    public record HoursException(LocalDate date, List<TimeRange> hours) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String line1, String city, String postalCode, String country) {}

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    public ZoneId zone() {
        return Zones.of(timeZone);
    }

    /** The hours that apply on a given local date, exceptions first. */
    public List<TimeRange> hoursOn(LocalDate date) {
        for (HoursException exception : hoursExceptions) {
            if (exception.date().equals(date)) {
                return exception.hours();
            }
        }
        return openingHours.getOrDefault(date.getDayOfWeek(), List.of());
    }
}
