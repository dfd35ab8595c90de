package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a batch of placements that share a hot row's flight ({@link PlacementFlights}),
 * one statement per kind for the whole batch instead of one per order: PostgreSQL's cost per
 * statement (plan set-up, triggers, its round of the pipeline) is paid once per batch.
 */
@ApplicationScoped
class PlacementBatchRepository {

    /** {@link IdempotencyRecords#CLAIM_OR_ABORT} for every key of the batch: one taken key aborts it. */
    static final String CLAIM_ALL_OR_ABORT = "insert into idempotency_key"
            + " (caller, operation, key, request_hash, status, response, order_id)"
            + " select c, o, k, h, $7, r::jsonb, i"
            + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])"
            + "   with ordinality as x(c, o, k, h, r, i, n) order by n";

    /** {@code OrderRepository.INSERT_PLACED} for every order of the batch. */
    static final String INSERT_ALL_PLACED = "with o as (insert into orders"
            + " (id, status, method, pickup_location_id, destination, shipping_address, hold_id, created_at, promise)"
            + " select id, " + OrderStatus.PLACED.sql() + ", m, p, d::jsonb, a::jsonb, h, c, pr::jsonb"
            + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + "   $7::timestamptz[], $8::text[]) with ordinality as x(id, m, p, d, a, h, c, pr, n) order by n),"
            + " f as (insert into fulfillment (id, order_id, location_id, method, status, created_at)"
            + " select fid, oid, lid, m, " + FulfillmentStatus.ASSIGNED.sql() + ", c"
            + " from unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])"
            + "   with ordinality as x(fid, oid, lid, m, c, n) order by n)"
            + " insert into fulfillment_line (fulfillment_id, sku, mode, qty)"
            + " select fid, sku, mode, qty from unnest($14::text[], $15::text[], $16::text[], $17::int[])"
            + "   as t(fid, sku, mode, qty)";

    private final OrderRepository orders;
    private final RecordedAnswers recorded;

    PlacementBatchRepository(OrderRepository orders, RecordedAnswers recorded) {
        this.orders = orders;
        this.recorded = recorded;
    }

    /** Every placement's idempotency record, each holding its 201 answer. */
    Uni<?> claimAll(SqlConnection conn, List<PlacementFlights.Pending> batch) {
        int n = batch.size();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            PlacementFlights.Pending pending = batch.get(i);
            IdempotencyRecords.Scope scope = pending.scope();
            columns[0][i] = scope.caller();
            columns[1][i] = scope.operation().sql;
            columns[2][i] = scope.key();
            columns[3][i] = scope.requestHash();
            columns[4][i] = recorded.of(pending.draft().view());
            columns[5][i] = pending.draft().orderId();
        }
        return conn.preparedQuery(CLAIM_ALL_OR_ABORT)
                .execute(Tuple.from(
                        new Object[] {columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], 201}));
    }

    /** Every placement's order, fulfillments and lines. */
    Uni<?> insertAll(SqlConnection conn, List<PlacementFlights.Pending> batch) {
        int n = batch.size();
        String[][] order = new String[7][n];
        OffsetDateTime[] orderAt = new OffsetDateTime[n];
        List<OrderRepository.NewFulfillment> fulfillments = new ArrayList<>();
        List<String[]> fulfillmentColumns = new ArrayList<>();
        List<OffsetDateTime> fulfillmentAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PlacementDraft draft = batch.get(i).draft();
            OrderApi.PlaceOrderRequest request = batch.get(i).request();
            order[0][i] = draft.orderId();
            order[1][i] = request.method().name();
            order[2][i] = draft.view().pickupLocationId();
            order[3][i] = request.destination() == null ? null : orders.encode(request.destination());
            order[4][i] = request.shippingAddress() == null ? null : orders.encode(request.shippingAddress());
            order[5][i] = request.holdId();
            order[6][i] = request.promise() == null ? null : orders.encode(request.promise());
            orderAt[i] = draft.at();
            for (OrderRepository.NewFulfillment f : draft.fulfillments()) {
                fulfillments.add(f);
                fulfillmentColumns.add(new String[] {
                    f.id(), draft.orderId(), f.locationId(), request.method().name()
                });
                fulfillmentAt.add(draft.at());
            }
        }
        OrderRepository.Lines lines = OrderRepository.Lines.of(fulfillments);
        return conn.preparedQuery(INSERT_ALL_PLACED).execute(Tuple.from(new Object[] {
            order[0],
            order[1],
            order[2],
            order[3],
            order[4],
            order[5],
            orderAt,
            order[6],
            column(fulfillmentColumns, 0),
            column(fulfillmentColumns, 1),
            column(fulfillmentColumns, 2),
            column(fulfillmentColumns, 3),
            fulfillmentAt.toArray(OffsetDateTime[]::new),
            lines.fulfillment(),
            lines.sku(),
            lines.mode(),
            lines.qty()
        }));
    }

    private static String[] column(List<String[]> rows, int index) {
        return rows.stream().map(row -> row[index]).toArray(String[]::new);
    }
}
