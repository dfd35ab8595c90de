package io.omnigate.network;

import io.omnigate.inventory.InventoryConfig;
import io.omnigate.platform.Problem.FieldError;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates and changes locations, keeping the in-memory index in step with what was committed. */
@ApplicationScoped
public class LocationService {

    private final LocationRepository repository;
    private final NetworkIndex index;
    private final InventoryConfig inventoryConfig;

    LocationService(LocationRepository repository, NetworkIndex index, InventoryConfig inventoryConfig) {
        this.repository = repository;
        this.index = index;
        this.inventoryConfig = inventoryConfig;
    }

    public Uni<LocationRepository.Saved> save(String id, LocationRequest request) {
        Location location = toLocation(id, request);
        return repository.upsert(location).invoke(saved -> index.put(saved.location()));
    }

    public Uni<Location> get(String id) {
        return repository.findById(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("Location", id)));
    }

    private Location toLocation(String id, LocationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(request.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not a known IANA time zone"));
        }
        Map<DayOfWeek, List<Location.TimeRange>> hours =
                request.openingHours() == null ? Map.of() : request.openingHours();
        hours.forEach((day, ranges) -> checkRanges("openingHours." + day, ranges, errors));
        List<Location.HoursException> exceptions =
                request.hoursExceptions() == null ? List.of() : request.hoursExceptions();
        for (int i = 0; i < exceptions.size(); i++) {
            Location.HoursException exception = exceptions.get(i);
            if (exception.date() == null) {
                errors.add(new FieldError("hoursExceptions[" + i + "].date", "must not be null"));
            }
            checkRanges("hoursExceptions[" + i + "].hours", exception.hours(), errors);
        }
        String parentId = request.parentLocationId();
        if (parentId != null) {
            if (request.type() != LocationType.LOCKER) {
                errors.add(new FieldError("parentLocationId", "only a LOCKER (locker bank or kiosk) has a parent"));
            } else if (parentId.equals(id)) {
                errors.add(new FieldError("parentLocationId", "must not be the location itself"));
            } else if (index.get(parentId)
                    .map(p -> p.type() != LocationType.STORE)
                    .orElse(true)) {
                errors.add(new FieldError("parentLocationId", "must be an existing STORE"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The location is not valid.", errors);
        }
        Set<Capability> capabilities =
                request.capabilities() == null || request.capabilities().isEmpty()
                        ? Set.of()
                        : EnumSet.copyOf(request.capabilities());
        return new Location(
                id,
                request.type(),
                request.name().strip(),
                request.lat(),
                request.lon(),
                request.timeZone(),
                capabilities,
                hours,
                exceptions.stream()
                        .map(e -> new Location.HoursException(e.date(), e.hours() == null ? List.of() : e.hours()))
                        .toList(),
                request.pickupLeadMinutes() == null ? 120 : request.pickupLeadMinutes(),
                request.hourlyCapacity() == null ? 20 : request.hourlyCapacity(),
                request.compartments() == null ? Map.of() : request.compartments(),
                parentId,
                request.address(),
                request.defaultSafetyStock() == null
                        ? defaultSafetyStock(request.type())
                        : request.defaultSafetyStock(),
                null,
                null,
                0,
                null);
    }

    private int defaultSafetyStock(LocationType type) {
        InventoryConfig.DefaultSafetyStock defaults = inventoryConfig.defaultSafetyStock();
        switch (type) {
            case STORE:
                return defaults.store();
            case DC:
                return defaults.dc();
            case LOCKER:
                return defaults.locker();
            default:
                return defaults.supplier();
        }
    }

    private static void checkRanges(String field, List<Location.TimeRange> ranges, List<FieldError> errors) {
        if (ranges == null) {
            return;
        }
        for (int i = 0; i < ranges.size(); i++) {
            Location.TimeRange range = ranges.get(i);
            if (range.open() == null || range.close() == null) {
                errors.add(new FieldError(field + "[" + i + "]", "needs open and close (HH:mm)"));
            } else if (!range.open().isBefore(range.close())) {
                errors.add(new FieldError(field + "[" + i + "]", "open must be before close"));
            }
        }
    }
}
