package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Customers' arrivals at pickup locations ({@code order_arrival}). */
@ApplicationScoped
class ArrivalRepository {

    private static final String INSERT = "insert into order_arrival (order_id, location_id, bay, vehicle, note)"
            + " select $1, l, $3, $4, $5 from unnest($2::text[]) as l returning arrived_at";

    private static final String STAMP = "with a as (update order_arrival set handed_over_at = now()"
            + " where order_id = $1 and location_id = $2 and handed_over_at is null returning arrived_at)"
            + " select min(arrived_at) as arrived_at, now() as handed_over_at from a";

    /** The sealed contact only while a live fulfillment of the order waits at this location. */
    private static final String WAITING = "select a.order_id, a.arrived_at, a.bay, a.vehicle, a.note,"
            + " extract(epoch from now() - a.arrived_at)::bigint as waiting_seconds,"
            + " case when exists (select 1 from fulfillment f where f.order_id = a.order_id"
            + "   and coalesce(f.pickup_location_id, f.location_id) = a.location_id"
            + "   and f.status in " + FulfillmentStatus.sqlList(FulfillmentStatus::isLive) + ") then c.sealed end"
            + " as sealed from order_arrival a left join customer_contact c on c.order_id = a.order_id"
            + " where a.location_id = $1 and a.handed_over_at is null and a.arrived_at > now() - interval '1 day'"
            + " order by a.arrived_at limit 100";

    /** An open arrival as stored; {@code sealedContact} is null unless the order is live there. */
    record Waiting(
            String orderId,
            OffsetDateTime arrivedAt,
            String bay,
            String vehicle,
            String note,
            long waitingSeconds,
            String sealedContact) {}

    private final Pool pool;

    ArrivalRepository(Pool pool) {
        this.pool = pool;
    }

    /** One arrival row per location, all with the same time, which it returns. */
    Uni<OffsetDateTime> insert(
            SqlConnection conn, String orderId, List<String> locations, OrderArrivals.ArrivalRequest arrival) {
        return conn.preparedQuery(INSERT)
                .execute(Tuple.of(orderId, locations.toArray(String[]::new), arrival.bay(), arrival.vehicle())
                        .addValue(arrival.note()))
                .map(rows -> rows.iterator().next().getOffsetDateTime("arrived_at"));
    }

    /** Stamps the open arrivals as handed over; the wait since the earliest, if there was one. */
    Uni<Optional<Duration>> stampHandedOver(SqlConnection conn, String orderId, String locationId) {
        return conn.preparedQuery(STAMP).execute(Tuple.of(orderId, locationId)).map(rows -> {
            Row row = rows.iterator().next();
            OffsetDateTime arrived = row.getOffsetDateTime("arrived_at");
            return arrived == null
                    ? Optional.<Duration>empty()
                    : Optional.of(Duration.between(arrived, row.getOffsetDateTime("handed_over_at")));
        });
    }

    /** Open arrivals of the last day at {@code locationId}, longest waiting first, at most 100. */
    Uni<List<Waiting>> waitingAt(String locationId) {
        return pool.preparedQuery(WAITING).execute(Tuple.of(locationId)).map(rows -> {
            List<Waiting> waiting = new ArrayList<>();
            for (Row row : rows) {
                waiting.add(new Waiting(
                        row.getString("order_id"),
                        row.getOffsetDateTime("arrived_at"),
                        row.getString("bay"),
                        row.getString("vehicle"),
                        row.getString("note"),
                        row.getLong("waiting_seconds"),
                        row.getString("sealed")));
            }
            return waiting;
        });
    }
}
