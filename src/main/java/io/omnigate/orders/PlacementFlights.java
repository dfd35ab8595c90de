package io.omnigate.orders;

import io.omnigate.inventory.InventoryConfig;
import io.omnigate.inventory.ReservationStatus;
import io.omnigate.inventory.StockSql;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes common placements as one flight ({@link OneFlight}); single-row placements on this
 * instance share flights through {@link HotRowBatches}, queued by row or, with lanes, by a lane of
 * rows, so a hot row is locked and PostgreSQL commits once per batch instead of once per order.
 */
@ApplicationScoped
class PlacementFlights {

    /** One placement ready to write: its key, its request and what it writes. */
    record Pending(IdempotencyRecords.Scope scope, OrderApi.PlaceOrderRequest request, PlacementDraft draft) {}

    /** Aborts a flight whose order, events, reservations or key did not all arrive (V18_1). */
    private static final String CHECK_COMPLETE = "select omnigate_require("
            + " exists (select 1 from orders where id = $1)"
            + " and exists (select 1 from event_outbox where order_id = $1)"
            + " and (select count(*) from reservation where order_id = $1 and status = "
            + ReservationStatus.ACTIVE.sql() + ") = $2"
            + " and exists (select 1 from idempotency_key where caller = $3 and operation = $4 and key = $5),"
            + " 'OGP01', 'placement incomplete', null)";

    /** {@link #CHECK_COMPLETE} for a batch of single-row orders ($1) and their keys ($2, $3, $4), in one statement. */
    private static final String CHECK_ALL_COMPLETE = "select omnigate_require("
            + " (select count(*) from orders where id = any($1)) = cardinality($1)"
            + " and (select count(distinct order_id) from event_outbox where order_id = any($1)) = cardinality($1)"
            + " and (select count(*) from reservation where order_id = any($1) and status = "
            + ReservationStatus.ACTIVE.sql() + ") = cardinality($1)"
            + " and (select count(*) from idempotency_key k join unnest($2::text[], $3::text[], $4::text[])"
            + "   as c(caller, operation, key) on k.caller = c.caller and k.operation = c.operation and k.key = c.key)"
            + " = cardinality($1),"
            + " 'OGP01', 'placement incomplete', null)";

    /**
     * First in a batch's flight: aborts it at once with {@link Reservations#SHORT_STOCK} when the
     * row, as this statement reads it, cannot serve even the smallest claim ($3), so a sold-out row
     * costs a batch one read instead of every order's inserts before the guarded update finds it short.
     */
    private static final String ROW_SERVES_ANY = "select omnigate_require(coalesce((select %s"
            + " from stock s join location l on l.id = s.location_id where s.location_id = $1 and s.sku = $2), 0) >= $3,"
            + " '" + Reservations.SHORT_STOCK + "', 'insufficient stock', json_build_array($2::text)::text)";

    private final String rowServesAny;
    private final OrderRepository orders;
    private final Reservations reservations;
    private final OrderEvents events;
    private final OrdersConfig.HotRow hotRow;
    private final HotRowBatches<Pending> batches;
    private final RecordedAnswers recorded;
    private final PlacementBatchRepository batchRows;

    PlacementFlights(
            OrderRepository orders,
            Reservations reservations,
            OrderEvents events,
            OrdersConfig config,
            InventoryConfig inventory,
            RecordedAnswers recorded,
            PlacementBatchRepository batchRows) {
        this.rowServesAny =
                String.format(ROW_SERVES_ANY, StockSql.reservable(inventory.staleAfter(), inventory.staleBuffer()));
        this.orders = orders;
        this.reservations = reservations;
        this.events = events;
        this.hotRow = config.hotRow();
        this.recorded = recorded;
        this.batchRows = batchRows;
        this.batches = new HotRowBatches<>(
                new HotRowBatches.Flights<>() {
                    @Override
                    public Uni<Void> alone(Pending write) {
                        return PlacementFlights.this.alone(write);
                    }

                    @Override
                    public Uni<Void> together(List<Pending> writes) {
                        return PlacementFlights.this.together(writes);
                    }

                    @Override
                    public Object identity(Pending write) {
                        IdempotencyRecords.Scope scope = write.scope();
                        return List.of(scope.caller(), scope.operation().sql, scope.key());
                    }
                },
                hotRow.maxBatch(),
                hotRow.maxWait(),
                Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Commits the placement, or fails with the first error of its own flight alone (a taken key,
     * short stock, ...), exactly as if it had never shared one.
     */
    Uni<Void> write(Pending pending) {
        List<Reservations.Claim> rows = Reservations.stockRows(pending.draft().claims());
        if (!hotRow.enabled() || rows.size() != 1) {
            return alone(pending);
        }
        Reservations.Claim row = rows.get(0);
        String rowKey = row.locationId() + "\u0000" + row.sku();
        int lanes = hotRow.lanes();
        return batches.send(lanes > 0 ? "lane " + Math.floorMod(rowKey.hashCode(), lanes) : rowKey, pending);
    }

    /** Placements waiting in memory for the flight ahead on their row. */
    int waiting() {
        return batches.waiting();
    }

    private Uni<Void> alone(Pending pending) {
        String orderId = pending.draft().orderId();
        IdempotencyRecords.Scope scope = pending.scope();
        int reservedRows = Reservations.stockRows(pending.draft().claims()).size();
        return OneFlight.run(orders.pool(), conn -> {
            List<Uni<?>> statements = orderStatements(conn, pending);
            statements.addAll(reservations.reserveInOneFlight(
                    conn, Reservations.Owner.order(orderId), pending.draft().claims()));
            statements.add(conn.preparedQuery(CHECK_COMPLETE)
                    .execute(Tuple.of(orderId, reservedRows, scope.caller(), scope.operation().sql, scope.key())));
            return statements;
        });
    }

    /**
     * Every order's key, rows and events (one statement each for the whole batch), then one guarded
     * update for the shared row, one completeness check for all and one commit: all or nothing. When the row could not have served
     * any of them alone ({@link Reservations#SHORT_STOCK}, from {@link #ROW_SERVES_ANY} or the update),
     * each is refused as its own flight would have been.
     */
    private Uni<Void> together(List<Pending> batch) {
        List<String> orderIds = batch.stream().map(p -> p.draft().orderId()).toList();
        List<Reservations.Claim> claims = batch.stream()
                .map(p -> Reservations.stockRows(p.draft().claims()).get(0))
                .toList();
        Reservations.Claim row = claims.get(0);
        boolean oneRow = claims.stream()
                .allMatch(
                        c -> c.locationId().equals(row.locationId()) && c.sku().equals(row.sku()));
        int smallest = claims.stream().mapToInt(Reservations.Claim::qty).min().orElseThrow();
        return OneFlight.run(orders.pool(), conn -> {
                    List<Uni<?>> statements = new ArrayList<>();
                    if (oneRow) {
                        statements.add(conn.preparedQuery(rowServesAny)
                                .execute(Tuple.of(row.locationId(), row.sku(), smallest)));
                    }
                    statements.add(batchRows.claimAll(conn, batch));
                    statements.add(batchRows.insertAll(conn, batch));
                    statements.add(events.insert(
                            conn,
                            batch.stream()
                                    .flatMap(p -> p.draft().events().stream())
                                    .toList()));
                    statements.addAll(reservations.reserveRowsForAllInOneFlight(conn, orderIds, claims));
                    statements.add(conn.preparedQuery(CHECK_ALL_COMPLETE)
                            .execute(Tuple.of(
                                    orderIds.toArray(String[]::new),
                                    batch.stream().map(p -> p.scope().caller()).toArray(String[]::new),
                                    batch.stream()
                                            .map(p -> p.scope().operation().sql)
                                            .toArray(String[]::new),
                                    batch.stream().map(p -> p.scope().key()).toArray(String[]::new))));
                    return statements;
                })
                .onFailure(failure ->
                        failure instanceof PgException pg && Reservations.SHORT_STOCK.equals(pg.getSqlState()))
                .transform(HotRowBatches.EachRefused::new);
    }

    /** The placement's key, order with fulfillments and lines, and outbox events: no row lock among them. */
    private List<Uni<?>> orderStatements(SqlConnection conn, Pending pending) {
        PlacementDraft draft = pending.draft();
        OrderApi.PlaceOrderRequest request = pending.request();
        List<Uni<?>> statements = new ArrayList<>();
        statements.add(conn.preparedQuery(IdempotencyRecords.CLAIM_OR_ABORT)
                .execute(IdempotencyRecords.claim(pending.scope(), 201, recorded.of(draft.view()), draft.orderId())));
        statements.add(orders.insertPlaced(
                conn, draft.orderId(), request, draft.view().pickupLocationId(), draft.fulfillments(), draft.at()));
        statements.add(events.insert(conn, draft.events()));
        return statements;
    }
}
