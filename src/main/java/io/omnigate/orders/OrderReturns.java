package io.omnigate.orders;

import io.omnigate.inventory.StockRepository;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Returns as records: a customer's request moves no stock; the receiving location (its store
 * device, or an admin) records the receipt once, with the units that go back on the shelf. An
 * in-store return recorded by the store's own device is received at once.
 */
@ApplicationScoped
public class OrderReturns {

    /** Who records a return: {@code receivingLocation} is set for a store device, null for others. */
    public record Caller(boolean admin, String receivingLocation) {}

    static final String RETURN_REQUESTED = "order.return.requested";
    static final String RETURN_RECEIVED = "order.return.received";

    private final Pool pool;
    private final NetworkIndex network;
    private final OrderEvents events;
    private final ReturnRepository returns;
    private final StockRepository stock;

    OrderReturns(Pool pool, NetworkIndex network, OrderEvents events, ReturnRepository returns, StockRepository stock) {
        this.pool = pool;
        this.network = network;
        this.events = events;
        this.returns = returns;
        this.stock = stock;
    }

    /**
     * Records a return of handed-over items; a store device's in-store return at its own location
     * is received at once with the lines the customer declared restockable.
     */
    public Uni<ReturnsApi.ReturnView> request(String orderId, OrderApi.ReturnRequest request, Caller caller) {
        Location at = receivingLocation(request);
        boolean receivedAtOnce = caller.receivingLocation() != null;
        if (receivedAtOnce
                && (!at.id().equals(caller.receivingLocation())
                        || request.method() != OrderApi.ReturnMethod.IN_STORE)) {
            throw new ProblemException(
                    403, "forbidden", "Forbidden", "A store device records in-store returns at its own location only.");
        }
        for (int i = 1; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            if (request.lines().subList(0, i).stream().anyMatch(l -> l.sku().equals(sku))) {
                throw ProblemException.invalid("lines[" + i + "].sku", "names a SKU already listed");
            }
        }
        String returnId = "R-" + UUID.randomUUID();
        return pool.withTransaction(conn -> returns.lockOrder(conn, orderId)
                .chain(found -> {
                    if (!found) {
                        throw ProblemException.notFound("Order", orderId);
                    }
                    return returns.returnable(conn, orderId);
                })
                .chain(returnable -> insert(conn, returnId, orderId, request, at, returnable))
                .chain(() -> receivedAtOnce
                        ? receiveLocked(conn, returnId, declared(request))
                        : Uni.createFrom().voidItem())
                .chain(() -> read(conn, returnId)));
    }

    /** Records the receipt, once: a second receipt is a 409 and changes nothing. */
    public Uni<ReturnsApi.ReturnView> receive(String returnId, ReturnsApi.ReceiptRequest receipt, Caller caller) {
        Map<String, Integer> restock = new LinkedHashMap<>();
        for (int i = 0; i < receipt.lines().size(); i++) {
            ReturnsApi.ReceiptLine line = receipt.lines().get(i);
            if (restock.putIfAbsent(line.sku(), line.restock()) != null) {
                throw ProblemException.invalid("lines[" + i + "].sku", "names a SKU already listed");
            }
        }
        return pool.withTransaction(conn -> lockRecord(conn, returnId, caller)
                .chain(() -> receiveLocked(conn, returnId, restock))
                .chain(() -> read(conn, returnId)));
    }

    /** The return, for an admin, the receiving location's devices or the order's own token. */
    public Uni<ReturnsApi.ReturnView> get(String returnId) {
        return pool.withConnection(conn -> read(conn, returnId));
    }

    private Location receivingLocation(OrderApi.ReturnRequest request) {
        Location at = network.get(request.locationId())
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-reference",
                        "Unknown location",
                        "Location '" + request.locationId() + "' does not exist."));
        boolean accepts = request.method() == OrderApi.ReturnMethod.LOCKER
                ? at.type() == LocationType.LOCKER || at.has(Capability.LOCKER)
                : at.has(Capability.RETURNS);
        if (!accepts) {
            throw ProblemException.unprocessable(
                    "capability-missing",
                    "Location does not take returns",
                    "Location '" + at.id() + "' cannot receive a " + request.method() + " return.");
        }
        return at;
    }

    /** Lockers hand returns to their parent store: that is where the units go back on the shelf. */
    private Location restockLocation(Location at) {
        if (at.type() == LocationType.LOCKER && at.parentLocationId() != null) {
            return network.get(at.parentLocationId()).orElse(at);
        }
        return at;
    }

    private Uni<Void> insert(
            SqlConnection conn,
            String returnId,
            String orderId,
            OrderApi.ReturnRequest request,
            Location at,
            Map<String, Integer> returnable) {
        request.lines().forEach(line -> {
            if (returnable.getOrDefault(line.sku(), 0) < line.qty()) {
                throw ProblemException.conflict(
                        "not-returnable",
                        "Nothing to return",
                        "Order " + orderId + " has no " + line.qty() + " x " + line.sku()
                                + " handed over and not yet returned.");
            }
        });
        List<OrderApi.ReturnLine> lines = request.lines();
        String[] skus = lines.stream().map(OrderApi.ReturnLine::sku).toArray(String[]::new);
        Integer[] qty = lines.stream().map(OrderApi.ReturnLine::qty).toArray(Integer[]::new);
        Boolean[] restockable =
                lines.stream().map(l -> !Boolean.FALSE.equals(l.restockable())).toArray(Boolean[]::new);
        String method = request.method().name();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("returnId", returnId);
        payload.put("method", method);
        payload.put("lines", lines);
        ReturnRepository.Places places = new ReturnRepository.Places(
                orderId, at.id(), restockLocation(at).id());
        return returns.insert(conn, returnId, method, places, new ReturnRepository.NewLines(skus, qty, restockable))
                .chain(() -> events.write(
                        conn,
                        List.of(new OrderEvents.Event(
                                RETURN_REQUESTED,
                                orderId,
                                null,
                                at.id(),
                                ReturnStatus.REQUESTED.name(),
                                null,
                                payload))));
    }

    private static Map<String, Integer> declared(OrderApi.ReturnRequest request) {
        Map<String, Integer> restock = new LinkedHashMap<>();
        request.lines().stream()
                .filter(l -> !Boolean.FALSE.equals(l.restockable()))
                .forEach(l -> restock.put(l.sku(), l.qty()));
        return restock;
    }

    private Uni<Void> lockRecord(SqlConnection conn, String returnId, Caller caller) {
        return returns.lock(conn, returnId).map(found -> {
            ReturnRepository.LockedReturn record =
                    found.orElseThrow(() -> ProblemException.notFound("Return", returnId));
            // A locker's returns are received by the store that empties it, where they are restocked.
            if (!caller.admin()
                    && !record.places().locationId().equals(caller.receivingLocation())
                    && !record.places().restockLocationId().equals(caller.receivingLocation())) {
                throw ProblemException.forbidden();
            }
            if (record.status().isReceived()) {
                throw ProblemException.conflict(
                        "return-already-received",
                        "Return already received",
                        "Return " + returnId + " was received at " + record.receivedAt()
                                + "; a receipt is recorded once.");
            }
            return null;
        });
    }

    /** Puts the restocked units back and closes the record; the caller holds the record's row lock. */
    private Uni<Void> receiveLocked(SqlConnection conn, String returnId, Map<String, Integer> restock) {
        return returns.returnedQty(conn, returnId).chain(returned -> {
            List<String> skus = new ArrayList<>();
            List<Integer> units = new ArrayList<>();
            List<Map<String, Object>> lines = new ArrayList<>();
            restock.forEach((sku, n) -> {
                Integer qty = returned.get(sku);
                if (qty == null || n > qty) {
                    throw ProblemException.unprocessable(
                            "not-in-return",
                            "Not in this return",
                            "Return " + returnId + " holds " + (qty == null ? 0 : qty) + " x " + sku
                                    + "; the receipt restocks " + n + ".");
                }
            });
            returned.forEach((sku, qty) -> {
                int n = restock.getOrDefault(sku, 0);
                skus.add(sku);
                units.add(n);
                lines.add(Map.of("sku", sku, "qty", qty, "restocked", n));
            });
            int total = units.stream().mapToInt(Integer::intValue).sum();
            ReturnStatus status = ReturnStatus.afterReceipt(total);
            return returns.places(conn, returnId)
                    .chain(places -> apply(conn, returnId, places, skus, units, status, lines));
        });
    }

    private Uni<Void> apply(
            SqlConnection conn,
            String returnId,
            ReturnRepository.Places places,
            List<String> skus,
            List<Integer> units,
            ReturnStatus status,
            List<Map<String, Object>> lines) {
        String[] skuArray = skus.toArray(String[]::new);
        Integer[] unitArray = units.toArray(Integer[]::new);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("returnId", returnId);
        payload.put("lines", lines);
        return returns.setRestocked(conn, returnId, skuArray, unitArray)
                .chain(() -> stock.restock(conn, places.restockLocationId(), skuArray, unitArray))
                .chain(() -> returns.markReceived(conn, returnId, status))
                .chain(() -> events.write(
                        conn,
                        List.of(new OrderEvents.Event(
                                RETURN_RECEIVED,
                                places.orderId(),
                                null,
                                places.locationId(),
                                status.name(),
                                ReturnStatus.REQUESTED.name(),
                                payload))));
    }

    private Uni<ReturnsApi.ReturnView> read(SqlConnection conn, String returnId) {
        return returns.view(conn, returnId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Return", returnId)));
    }
}
