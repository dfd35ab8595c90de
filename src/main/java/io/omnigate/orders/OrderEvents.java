package io.omnigate.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.events.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox (DESIGN.md §4): each state change writes its event row and the order's
 * history row in the transaction of the change; once that transaction commits, this instance's
 * relay is woken in process ({@link OutboxRelay#wakeAfterCommit}), no NOTIFY in the transaction.
 */
@ApplicationScoped
public class OrderEvents {

    public static final String ORDER_STATUS = "order.status";
    public static final String ORDER_UPDATED = "order.updated";
    public static final String FULFILLMENT_ASSIGNED = "fulfillment.assigned";
    public static final String FULFILLMENT_STATUS = "fulfillment.status";
    public static final String FULFILLMENT_CANCELLED = "fulfillment.cancelled";
    public static final String LINES_UNFULFILLABLE = "order.lines.unfulfillable";

    /** The customer is at the store ({@code bay}, {@code vehicle}, {@code note}); on that store's stream. */
    public static final String ORDER_ARRIVED = "order.arrived";

    /** For the pickup point (locker, kiosk or store): a parcel waits there; never carries the code. */
    public static final String PICKUP_READY = "pickup.ready";

    public static final String PICKUP_COLLECTED = "pickup.collected";
    public static final String PICKUP_EXPIRED = "pickup.expired";

    /** A waiting parcel was cancelled before collection; its compartment is free again. */
    public static final String PICKUP_CANCELLED = "pickup.cancelled";

    /**
     * The payload field of the READY_FOR_PICKUP {@code fulfillment.status} event holding the pickup
     * code sealed ({@code fulfillment/PickupCodes} seals it; the order's own views open it).
     */
    public static final String PICKUP_CODE_SEALED = "pickupCodeSealed";

    /** One row of the outbox; {@code payload} becomes its JSON. */
    public record Event(
            String type,
            String orderId,
            String fulfillmentId,
            String locationId,
            String status,
            String previousStatus,
            Map<String, Object> payload) {

        /**
         * A new fulfillment {@code f} is assigned to its location, with its lines; {@code reroutedFrom}
         * names the fulfillment it replaces after a reject (null when placed or moved).
         */
        public static Event fulfillmentAssigned(
                String orderId, OrderRepository.NewFulfillment f, OrderApi.Method method, String reroutedFrom) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("method", method);
            payload.put("lines", OrderApi.LineView.of(f.lines()));
            if (reroutedFrom != null) {
                payload.put("reroutedFrom", reroutedFrom);
            }
            return new Event(
                    FULFILLMENT_ASSIGNED,
                    orderId,
                    f.id(),
                    f.locationId(),
                    FulfillmentStatus.ASSIGNED.name(),
                    null,
                    payload);
        }

        /** A live fulfillment of the order is cancelled, for {@code reason}. */
        static Event fulfillmentCancelled(
                String orderId, OrderRepository.StoredFulfillment fulfillment, Reason reason) {
            return new Event(
                    FULFILLMENT_CANCELLED,
                    orderId,
                    fulfillment.id(),
                    fulfillment.locationId(),
                    FulfillmentStatus.CANCELLED.name(),
                    fulfillment.status().name(),
                    reason.addTo(new LinkedHashMap<>()));
        }

        /**
         * A {@code pickup.*} event for the pickup point's own stream (locker, kiosk or store); it
         * names the compartment, never the pickup code.
         */
        public static Event atPickupPoint(
                String type,
                String orderId,
                String fulfillmentId,
                String pickupLocationId,
                String status,
                String previousStatus,
                String compartment) {
            Map<String, Object> payload = new LinkedHashMap<>();
            if (compartment != null) {
                payload.put("compartment", compartment);
            }
            return new Event(type, orderId, fulfillmentId, pickupLocationId, status, previousStatus, payload);
        }
    }

    /**
     * Inserts the events unnumbered (the relay's sequencer gives them their seq in commit order)
     * with their history rows.
     */
    private static final String WRITE = "with e as ("
            + " insert into event_outbox (type, order_id, fulfillment_id, location_id, status, previous_status, payload,"
            + "   created_at)"
            + " select t, o, f, l, s, p, d::jsonb, clock_timestamp() from unnest($1::text[], $2::text[], $3::text[],"
            + "   $4::text[], $5::text[], $6::text[], $7::text[]) with ordinality as x(t, o, f, l, s, p, d, n)"
            + "   order by n"
            + " returning *),"
            + " h as (insert into order_history"
            + "   (order_id, event_id, type, fulfillment_id, location_id, status, previous_status, detail, at)"
            + "   select order_id, id, type, fulfillment_id, location_id, status, previous_status, payload, created_at"
            + "   from e where order_id is not null)"
            + " select count(*) from e";

    private final ObjectMapper json;
    private final OutboxRelay relay;

    OrderEvents(ObjectMapper json, OutboxRelay relay) {
        this.json = json;
        this.relay = relay;
    }

    /**
     * Writes {@code events} in the transaction running on {@code conn} and wakes the relay once it
     * commits.
     */
    public Uni<Void> write(SqlConnection conn, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return insert(conn, events).invoke(() -> relay.wakeAfterCommit(conn)).replaceWithVoid();
    }

    /**
     * The insert alone, for a transaction sent as one flight: its writer calls {@link #committed}
     * once it has seen the commit.
     */
    Uni<?> insert(SqlConnection conn, List<Event> events) {
        int n = events.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            columns[0][i] = e.type();
            columns[1][i] = e.orderId();
            columns[2][i] = e.fulfillmentId();
            columns[3][i] = e.locationId();
            columns[4][i] = e.status();
            columns[5][i] = e.previousStatus();
            columns[6][i] = encode(e.payload() == null ? Map.of() : e.payload());
        }
        return conn.preparedQuery(WRITE).execute(Tuple.from(new Object[] {
            columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6]
        }));
    }

    /** Wakes the relay after a commit that {@link #insert} took part in. */
    void committed() {
        relay.committed();
    }

    String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
