package io.omnigate.network;

import io.omnigate.inventory.InventoryConfig;
import io.omnigate.platform.Problem.FieldError;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The location {@code request} describes, once {@link #check} found nothing wrong with it. */
    private Location toLocation(String id, LocationRequest request) {
        check(id, request);
        Set<Capability> capabilities =
                request.capabilities() == null || request.capabilities().isEmpty()
                        ? Set.of()
                        : EnumSet.copyOf(request.capabilities());
        List<Location.HoursException> exceptions =
                request.hoursExceptions() == null ? List.of() : request.hoursExceptions();
        return new Location(
                id,
                request.type(),
                request.name().strip(),
                request.lat(),
                request.lon(),
                request.timeZone(),
                capabilities,
                request.openingHours() == null ? Map.of() : request.openingHours(),
                exceptions.stream()
                        .map(e -> new Location.HoursException(e.date(), e.hours() == null ? List.of() : e.hours()))
                        .toList(),
                request.pickupLeadMinutes() == null ? 120 : request.pickupLeadMinutes(),
                request.hourlyCapacity() == null ? 20 : request.hourlyCapacity(),
                request.compartments() == null ? Map.of() : request.compartments(),
                request.parentLocationId(),
                request.address(),
                request.defaultSafetyStock() == null
                        ? defaultSafetyStock(request.type())
                        : request.defaultSafetyStock(),
                null,
                null,
                0,
                null);
    }

    /**
     * What bean validation cannot see: a known time zone, opening ranges that open before they
     * close, and a parent only for a locker, naming an existing store. Every problem in one 400.
     */
    private void check(String id, LocationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(request.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not a known IANA time zone"));
        }
        if (request.openingHours() != null) {
            request.openingHours().forEach((day, ranges) -> checkRanges("openingHours." + day, ranges, errors));
        }
        List<Location.HoursException> exceptions =
                request.hoursExceptions() == null ? List.of() : request.hoursExceptions();
        for (int i = 0; i < exceptions.size(); i++) {
            Location.HoursException exception = exceptions.get(i);
            if (exception.date() == null) {
                errors.add(new FieldError("hoursExceptions[" + i + "].date", "must not be null"));
            }
            checkRanges("hoursExceptions[" + i + "].hours", exception.hours(), errors);
        }
        parentProblem(id, request).ifPresent(message -> errors.add(new FieldError("parentLocationId", message)));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The location is not valid.", errors);
        }
    }

    /** Only a LOCKER (locker bank or kiosk) has a parent, and that parent is another, existing STORE. */
    private Optional<String> parentProblem(String id, LocationRequest request) {
        String parentId = request.parentLocationId();
        if (parentId == null) {
            return Optional.empty();
        }
        if (request.type() != LocationType.LOCKER) {
            return Optional.of("only a LOCKER (locker bank or kiosk) has a parent");
        }
        if (parentId.equals(id)) {
            return Optional.of("must not be the location itself");
        }
        boolean store =
                index.get(parentId).map(p -> p.type() == LocationType.STORE).orElse(false);
        return store ? Optional.empty() : Optional.of("must be an existing STORE");
    }

    private int defaultSafetyStock(LocationType type) {
        InventoryConfig.DefaultSafetyStock defaults = inventoryConfig.defaultSafetyStock();
        return switch (type) {
            case STORE -> defaults.store();
            case DC -> defaults.dc();
            case LOCKER -> defaults.locker();
            case SUPPLIER -> defaults.supplier();
        };
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
