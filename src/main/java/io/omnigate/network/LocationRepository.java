package io.omnigate.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code location} table; every write pokes the other instances' network indexes. */
@ApplicationScoped
public class LocationRepository {

    public static final String CHANNEL = "omnigate_network";

    private static final int READ_PARTS = 4;

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

    private final Pool pool;
    private final ObjectMapper json;
    private final LocationRows rows;

    LocationRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
        this.rows = new LocationRows(json);
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

    /**
     * Every location, read in {@link #READ_PARTS} parts at once: each part is decoded on the event
     * loop of its own connection and mapped on a worker thread, so a whole network loads on every
     * core instead of one event loop.
     */
    public Uni<List<Location>> findAll() {
        List<Uni<List<Location>>> parts = new ArrayList<>();
        for (int part = 0; part < READ_PARTS; part++) {
            parts.add(pool.preparedQuery(
                            "select " + COLUMNS + " from location where (hashtext(id) & 2147483647) % $1 = $2")
                    .execute(Tuple.of(READ_PARTS, part))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(this::toLocations));
        }
        return Uni.join().all(parts).andFailFast().map(lists -> {
            List<Location> all = new ArrayList<>();
            lists.forEach(all::addAll);
            return all;
        });
    }

    private List<Location> toLocations(RowSet<Row> found) {
        List<Location> locations = new ArrayList<>(found.size());
        for (Row row : found) {
            locations.add(toLocation(row));
        }
        return locations;
    }

    private Location toLocation(Row row) {
        return rows.toLocation(row);
    }
}
