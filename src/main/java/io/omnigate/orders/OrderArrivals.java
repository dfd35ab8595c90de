package io.omnigate.orders;

import io.omnigate.customers.CustomerContacts;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

    private final OrderRepository orders;
    private final ArrivalRepository arrivals;
    private final OrderEvents events;
    private final CustomerContacts contacts;

    OrderArrivals(OrderRepository orders, ArrivalRepository arrivals, OrderEvents events, CustomerContacts contacts) {
        this.orders = orders;
        this.arrivals = arrivals;
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
        return orders.inTransaction(conn -> orders.lock(conn, orderId).chain(order -> {
            OrderApi.Method method = order.method();
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
                return arrivals.insert(conn, orderId, at, arrival)
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
        return arrivals.stampHandedOver(conn, orderId, locationId);
    }

    /**
     * Customers waiting at {@code locationId} (arrived within a day, not yet served), longest waiting
     * first, with the name for the hand-over while the order is active there.
     */
    public Uni<List<WaitingCustomer>> waitingAt(String locationId) {
        return arrivals.waitingAt(locationId)
                .map(rows -> rows.stream()
                        .map(w -> new WaitingCustomer(
                                w.orderId(),
                                w.arrivedAt().toInstant(),
                                w.bay(),
                                w.vehicle(),
                                w.note(),
                                w.waitingSeconds(),
                                contacts.open(w.sealedContact())
                                        .map(CustomerContacts.Contact::name)
                                        .orElse(null)))
                        .toList());
    }

    private static ProblemException notApplicable(String detail) {
        return ProblemException.conflict("arrival-not-applicable", "Arrival not applicable", detail);
    }
}
