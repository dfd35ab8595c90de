package io.omnigate.orders;

import io.omnigate.customers.CustomerContacts;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "I'm here": a customer at the store for a pickup or curbside order. The arrival is written per
 * pickup location the order waits at, with an {@code order.arrived} event on that location's
 * stream; the hand-over there stamps it, which gives the curb wait.
 */
@ApplicationScoped
public class OrderArrivals {

    /** Where the customer is and how to find them; every field is optional. */
    public record ArrivalRequest(
            @jakarta.validation.constraints.Size(max = 16) String bay,
            @jakarta.validation.constraints.Size(max = 64) String vehicle,
            @jakarta.validation.constraints.Size(max = 280) String note) {}

    /** The arrival as recorded; {@code locationIds} are the stores told. */
    public record ArrivalView(
            String orderId, Instant arrivedAt, String bay, String vehicle, String note, List<String> locationIds) {}

    /**
     * A customer waiting at a location, for its curbside panel; {@code customerName} is the name given
     * with the order, shown only while the order still has something to hand over there.
     */
    public record WaitingCustomer(
            String orderId,
            Instant arrivedAt,
            String bay,
            String vehicle,
            String note,
            long waitingSeconds,
            String customerName) {}

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

    private final OrderRepository orders;
    private final OrderEvents events;
    private final CustomerContacts contacts;

    OrderArrivals(OrderRepository orders, OrderEvents events, CustomerContacts contacts) {
        this.orders = orders;
        this.events = events;
        this.contacts = contacts;
    }

    /**
     * Records the arrival at every location where a live pickup fulfillment of the order waits or
     * is prepared; 409 {@code arrival-not-applicable} for a locker or shipped order, or one with
     * nothing left to hand over.
     */
    public Uni<ArrivalView> arrive(String orderId, ArrivalRequest request) {
        ArrivalRequest arrival = request == null ? new ArrivalRequest(null, null, null) : request;
        return orders.inTransaction(conn -> orders.lockOrder(conn, orderId).chain(order -> {
            OrderApi.Method method = OrderApi.Method.valueOf(order.getString("method"));
            if (method != OrderApi.Method.PICKUP && method != OrderApi.Method.CURBSIDE) {
                throw notApplicable("A " + method + " order is not handed over at a store counter or curb.");
            }
            return orders.fulfillments(conn, orderId).chain(all -> {
                Set<String> locations = new LinkedHashSet<>();
                for (OrderRepository.StoredFulfillment f : all) {
                    if (f.status().isLive()) {
                        locations.add(f.pickupLocationId() != null ? f.pickupLocationId() : f.locationId());
                    }
                }
                if (locations.isEmpty()) {
                    throw notApplicable("Order " + orderId + " has nothing left to hand over.");
                }
                List<String> at = new ArrayList<>(locations);
                return conn.preparedQuery(INSERT)
                        .execute(Tuple.of(orderId, at.toArray(String[]::new), arrival.bay(), arrival.vehicle())
                                .addValue(arrival.note()))
                        .map(rows -> rows.iterator().next().getOffsetDateTime("arrived_at"))
                        .call(arrivedAt -> events.write(conn, arrivedEvents(orderId, at, arrival, arrivedAt)))
                        .map(arrivedAt -> new ArrivalView(
                                orderId, arrivedAt.toInstant(), arrival.bay(), arrival.vehicle(), arrival.note(), at));
            });
        }));
    }

    private static List<OrderEvents.Event> arrivedEvents(
            String orderId, List<String> locations, ArrivalRequest arrival, OffsetDateTime arrivedAt) {
        List<OrderEvents.Event> arrived = new ArrayList<>();
        for (String location : locations) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("arrivedAt", arrivedAt.toInstant().toString());
            if (arrival.bay() != null) {
                payload.put("bay", arrival.bay());
            }
            if (arrival.vehicle() != null) {
                payload.put("vehicle", arrival.vehicle());
            }
            if (arrival.note() != null) {
                payload.put("note", arrival.note());
            }
            arrived.add(new OrderEvents.Event(OrderEvents.ORDER_ARRIVED, orderId, null, location, null, null, payload));
        }
        return arrived;
    }

    /**
     * Stamps the order's open arrivals at {@code locationId} as handed over (the caller's
     * transaction); returns the curb wait when the customer had said they were here.
     */
    public Uni<Optional<Duration>> handedOver(SqlConnection conn, String orderId, String locationId) {
        return conn.preparedQuery(STAMP).execute(Tuple.of(orderId, locationId)).map(rows -> {
            Row row = rows.iterator().next();
            OffsetDateTime arrived = row.getOffsetDateTime("arrived_at");
            return arrived == null
                    ? Optional.<Duration>empty()
                    : Optional.of(Duration.between(arrived, row.getOffsetDateTime("handed_over_at")));
        });
    }

    /**
     * Customers waiting at {@code locationId} (arrived within a day, not yet served), longest waiting
     * first, with the name for the hand-over while the order is active there.
     */
    public Uni<List<WaitingCustomer>> waitingAt(String locationId) {
        return orders.pool()
                .preparedQuery(WAITING)
                .execute(Tuple.of(locationId))
                .map(rows -> {
                    List<WaitingCustomer> waiting = new ArrayList<>();
                    for (Row row : rows) {
                        waiting.add(new WaitingCustomer(
                                row.getString("order_id"),
                                row.getOffsetDateTime("arrived_at").toInstant(),
                                row.getString("bay"),
                                row.getString("vehicle"),
                                row.getString("note"),
                                row.getLong("waiting_seconds"),
                                contacts.open(row.getString("sealed"))
                                        .map(CustomerContacts.Contact::name)
                                        .orElse(null)));
                    }
                    return waiting;
                });
    }

    private static ProblemException notApplicable(String detail) {
        return ProblemException.conflict("arrival-not-applicable", "Arrival not applicable", detail);
    }
}
