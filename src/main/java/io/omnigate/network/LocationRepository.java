package io.omnigate.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL for the {@code location} table; every write pokes the other instances' network indexes. */
@ApplicationScoped
public class LocationRepository {

    public static final String CHANNEL = "omnigate_network";

    private static final String COLUMNS =
            "id, type, name, lat, lon, time_zone, capabilities, opening_hours, hours_exceptions, pickup_lead_minutes,"
                    + " hourly_capacity, compartments, parent_location_id, address, default_safety_stock,"
                    + " stock_synced_at, snapshot_as_of, version, updated_at";

    private static final String UPSERT = "with saved as ("
            + " insert into location (id, type, name, lat, lon, time_zone, capabilities, opening_hours,"
            + " hours_exceptions, pickup_lead_minutes, hourly_capacity, compartments, parent_location_id, address,"
            + " default_safety_stock)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            + " on conflict (id) do update set type = excluded.type, name = excluded.name, lat = excluded.lat,"
            + " lon = excluded.lon, time_zone = excluded.time_zone, capabilities = excluded.capabilities,"
            + " opening_hours = excluded.opening_hours, hours_exceptions = excluded.hours_exceptions,"
            + " pickup_lead_minutes = excluded.pickup_lead_minutes, hourly_capacity = excluded.hourly_capacity,"
            + " compartments = excluded.compartments, parent_location_id = excluded.parent_location_id,"
            + " address = excluded.address, default_safety_stock = excluded.default_safety_stock,"
            + " version = location.version + 1, updated_at = now()"
            + " returning " + COLUMNS + ", (xmax = 0) as created)"
            + " select saved.*, pg_notify('" + CHANNEL + "', saved.id) from saved";

    private static final TypeReference<Map<DayOfWeek, List<Location.TimeRange>>> HOURS = new TypeReference<>() {};
    private static final TypeReference<List<Location.HoursException>> EXCEPTIONS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> COMPARTMENTS = new TypeReference<>() {};

    private final Pool pool;
    private final ObjectMapper json;

    LocationRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The saved location and whether it was new. */
    public record Saved(Location location, boolean created) {}

    public Uni<Saved> upsert(Location location) {
        Tuple params = Tuple.tuple(List.of(
                location.id(),
                location.type().name(),
                location.name(),
                location.lat(),
                location.lon(),
                location.timeZone(),
                location.capabilities().stream().map(Enum::name).sorted().toArray(String[]::new),
                new JsonObject(json.convertValue(location.openingHours(), Map.class)),
                new JsonArray(json.convertValue(location.hoursExceptions(), List.class)),
                location.pickupLeadMinutes(),
                location.hourlyCapacity(),
                new JsonObject(json.convertValue(location.compartments(), Map.class))));
        params.addString(location.parentLocationId());
        params.addValue(
                location.address() == null ? null : new JsonObject(json.convertValue(location.address(), Map.class)));
        params.addInteger(location.defaultSafetyStock());
        return pool.preparedQuery(UPSERT).execute(params).map(rows -> {
            Row row = rows.iterator().next();
            return new Saved(toLocation(row), row.getBoolean("created"));
        });
    }

    public Uni<Optional<Location>> findById(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from location where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(toLocation(rows.iterator().next())));
    }

    public Uni<List<Location>> findAll() {
        return pool.query("select " + COLUMNS + " from location order by id")
                .execute()
                .map(this::toLocations);
    }

    private List<Location> toLocations(RowSet<Row> rows) {
        List<Location> locations = new ArrayList<>(rows.size());
        for (Row row : rows) {
            locations.add(toLocation(row));
        }
        return locations;
    }

    private Location toLocation(Row row) {
        JsonObject address = (JsonObject) row.getJson("address");
        return new Location(
                row.getString("id"),
                LocationType.valueOf(row.getString("type")),
                row.getString("name"),
                row.getDouble("lat"),
                row.getDouble("lon"),
                row.getString("time_zone"),
                capabilities(row.getArrayOfStrings("capabilities")),
                weekly(json.convertValue(((JsonObject) row.getJson("opening_hours")).getMap(), HOURS)),
                json.convertValue(((JsonArray) row.getJson("hours_exceptions")).getList(), EXCEPTIONS),
                row.getInteger("pickup_lead_minutes"),
                row.getInteger("hourly_capacity"),
                json.convertValue(((JsonObject) row.getJson("compartments")).getMap(), COMPARTMENTS),
                row.getString("parent_location_id"),
                address == null ? null : json.convertValue(address.getMap(), Location.Address.class),
                row.getInteger("default_safety_stock"),
                instant(row.getOffsetDateTime("stock_synced_at")),
                instant(row.getOffsetDateTime("snapshot_as_of")),
                row.getLong("version"),
                instant(row.getOffsetDateTime("updated_at")));
    }

    /** Monday first, as people read a week. */
    private static Map<DayOfWeek, List<Location.TimeRange>> weekly(Map<DayOfWeek, List<Location.TimeRange>> hours) {
        Map<DayOfWeek, List<Location.TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        week.putAll(hours);
        return week;
    }

    private static Set<Capability> capabilities(String[] names) {
        if (names == null || names.length == 0) {
            return Set.of();
        }
        return Arrays.stream(names)
                .map(Capability::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
