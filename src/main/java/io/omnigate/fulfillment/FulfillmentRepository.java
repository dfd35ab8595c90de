package io.omnigate.fulfillment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.omnigate.network.ParcelSize;
import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workflow's SQL: readiness, locker compartments, pick lists, pickup-code lookups and their lockout. */
@ApplicationScoped
public class FulfillmentRepository {

    /** A fulfillment seen by a pickup point: enough to check a code against it. */
    record CodeCandidate(String id, String orderId, String status, String codeHash) {}

    /**
     * Takes the first free compartment among the sizes (in order) and slots, in one statement. Two
     * transactions that pick the same one meet at the unique index: the later one inserts nothing
     * and tries again, now seeing the winner's row.
     */
    private static final String ASSIGN_COMPARTMENT = "insert into compartment_assignment"
            + " (locker_id, size, slot, fulfillment_id)"
            + " select $1, z.size, g.slot, $4 from unnest($2::text[], $3::int[]) with ordinality as z(size, n, rank)"
            + " cross join lateral generate_series(1, z.n) as g(slot)"
            + " where not exists (select 1 from compartment_assignment a where a.locker_id = $1 and a.size = z.size"
            + "   and a.slot = g.slot and a.freed_at is null)"
            + " order by z.rank, g.slot limit 1"
            + " on conflict do nothing returning size, slot";

    private static final String PICK_LIST = "select f.id, f.order_id, f.method, f.status, f.location_id,"
            + " f.pickup_location_id, f.compartment, f.created_at, f.updated_at, f.ready_at,"
            + " coalesce((select json_agg(json_build_object('sku', fl.sku, 'qty', fl.qty, 'mode', fl.mode)"
            + "   order by fl.sku, fl.mode) from fulfillment_line fl where fl.fulfillment_id = f.id), '[]'::json)::text"
            + "   as lines"
            + " from fulfillment f"
            + " where (f.location_id = $1 or f.pickup_location_id = $1) and f.status = any($2)"
            + " and ($3::timestamptz is null or (f.created_at, f.id) > ($3::timestamptz, $4::text))"
            + " order by f.created_at, f.id limit $5";

    private static final String RECORD_FAILURE = "insert into pickup_guard (location_id, failures, window_start)"
            + " values ($1, 1, now()) on conflict (location_id) do update set"
            + " failures = case when pickup_guard.window_start <= now() - make_interval(secs => $2)"
            + "   then 1 else pickup_guard.failures + 1 end,"
            + " window_start = case when pickup_guard.window_start <= now() - make_interval(secs => $2)"
            + "   then now() else pickup_guard.window_start end";

    private static final String LOCK_OUT = "update pickup_guard set failures = 0, window_start = now(),"
            + " locked_until = now() + make_interval(secs => $3) where location_id = $1 and failures >= $2"
            + " returning locked_until";

    private final OrderRepository orders;

    FulfillmentRepository(OrderRepository orders) {
        this.orders = orders;
    }

    /** Where a fulfillment is and which order it belongs to, without locking; empty if unknown. */
    Uni<Optional<Row>> locate(SqlConnection conn, String fulfillmentId) {
        return conn.preparedQuery("select order_id, location_id, pickup_location_id from fulfillment where id = $1")
                .execute(Tuple.of(fulfillmentId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    Uni<Void> markReady(
            SqlConnection conn, String fulfillmentId, String pickupLocationId, String compartment, String codeHash) {
        return conn.preparedQuery("update fulfillment set pickup_location_id = $2, compartment = $3,"
                        + " pickup_code_hash = $4, ready_at = now() where id = $1")
                .execute(Tuple.of(fulfillmentId, pickupLocationId, compartment, codeHash))
                .replaceWithVoid();
    }

    /** Ship-to-store: the pickup store a fulfillment prepared elsewhere is carried to; empty otherwise. */
    Uni<Optional<String>> transferTo(SqlConnection conn, String fulfillmentId) {
        return conn.preparedQuery("select transfer_to_location_id from fulfillment where id = $1")
                .execute(Tuple.of(fulfillmentId))
                .map(rows -> rows.size() == 0
                        ? Optional.<String>empty()
                        : Optional.ofNullable(rows.iterator().next().getString("transfer_to_location_id")));
    }

    /** A short pick: the fulfillment's STOCK lines lose the units in {@code missingBySku}. */
    Uni<Void> shortenLines(SqlConnection conn, String fulfillmentId, Map<String, Integer> missingBySku) {
        return conn.preparedQuery("update fulfillment_line l set qty = l.qty - t.qty"
                        + " from unnest($2::text[], $3::int[]) as t(sku, qty)"
                        + " where l.fulfillment_id = $1 and l.sku = t.sku and l.mode = 'STOCK'")
                .execute(Tuple.of(
                        fulfillmentId,
                        missingBySku.keySet().toArray(String[]::new),
                        missingBySku.values().toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /**
     * Assigns the smallest free compartment of {@code sizes} (smallest first, with their counts) at
     * the locker; empty when all are taken.
     */
    Uni<Optional<String>> assignCompartment(
            SqlConnection conn, String lockerId, List<ParcelSize> sizes, List<Integer> counts, String fulfillmentId) {
        int attempts = counts.stream().mapToInt(Integer::intValue).sum();
        return assignCompartment(conn, lockerId, sizes, counts, fulfillmentId, attempts);
    }

    private Uni<Optional<String>> assignCompartment(
            SqlConnection conn,
            String lockerId,
            List<ParcelSize> sizes,
            List<Integer> counts,
            String fulfillmentId,
            int attemptsLeft) {
        Tuple args = Tuple.of(lockerId, names(sizes), counts.toArray(Integer[]::new), fulfillmentId);
        return conn.preparedQuery(ASSIGN_COMPARTMENT).execute(args).chain(rows -> {
            if (rows.size() > 0) {
                Row row = rows.iterator().next();
                return Uni.createFrom()
                        .item(Optional.of(compartmentName(row.getString("size"), row.getInteger("slot"))));
            }
            if (attemptsLeft <= 1) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            return anyFree(conn, lockerId, sizes, counts)
                    .chain(free -> free
                            ? assignCompartment(conn, lockerId, sizes, counts, fulfillmentId, attemptsLeft - 1)
                            : Uni.createFrom().item(Optional.<String>empty()));
        });
    }

    private Uni<Boolean> anyFree(SqlConnection conn, String lockerId, List<ParcelSize> sizes, List<Integer> counts) {
        return conn.preparedQuery("select exists (select 1 from unnest($2::text[], $3::int[]) as z(size, n)"
                        + " where z.n > (select count(*) from compartment_assignment a where a.locker_id = $1"
                        + "   and a.size = z.size and a.freed_at is null)) as free")
                .execute(Tuple.of(lockerId, names(sizes), counts.toArray(Integer[]::new)))
                .map(rows -> rows.iterator().next().getBoolean("free"));
    }

    private static String[] names(List<ParcelSize> sizes) {
        return sizes.stream().map(ParcelSize::name).toArray(String[]::new);
    }

    /** The name a customer reads on the door: size and slot, e.g. {@code M-03}. */
    static String compartmentName(String size, int slot) {
        return String.format("%s-%02d", size, slot);
    }

    Uni<List<FulfillmentApi.PickListItem>> pickList(
            SqlConnection conn, String locationId, List<String> statuses, PickListCursor after, int limit) {
        Instant now = Instant.now();
        return conn.preparedQuery(PICK_LIST)
                .execute(Tuple.from(Arrays.asList(
                        locationId,
                        statuses.toArray(String[]::new),
                        after == null ? null : OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC),
                        after == null ? null : after.id(),
                        limit)))
                .map(rows -> {
                    List<FulfillmentApi.PickListItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        Instant created = row.getOffsetDateTime("created_at").toInstant();
                        OffsetDateTime ready = row.getOffsetDateTime("ready_at");
                        items.add(new FulfillmentApi.PickListItem(
                                row.getString("id"),
                                row.getString("order_id"),
                                OrderApi.Method.valueOf(row.getString("method")),
                                row.getString("status"),
                                row.getString("location_id"),
                                row.getString("pickup_location_id"),
                                row.getString("compartment"),
                                orders.decode(row.getString("lines"), new TypeReference<List<OrderApi.LineView>>() {}),
                                created,
                                row.getOffsetDateTime("updated_at").toInstant(),
                                ready == null ? null : ready.toInstant(),
                                Math.max(0, Duration.between(created, now).getSeconds())));
                    }
                    return items;
                });
    }

    /**
     * Parcels waiting at the pickup point that have a code, and those collected within
     * {@code usedWindow} (so a reused code is told apart from a wrong one).
     */
    Uni<List<CodeCandidate>> codeCandidates(SqlConnection conn, String pickupLocationId, Duration usedWindow) {
        return conn.preparedQuery("select id, order_id, status, pickup_code_hash from fulfillment"
                        + " where pickup_location_id = $1 and pickup_code_hash is not null"
                        + " and (status = " + FulfillmentStatus.READY_FOR_PICKUP.sql()
                        + "   or (status = " + FulfillmentStatus.PICKED_UP.sql()
                        + " and updated_at > now() - make_interval(secs => $2)))"
                        + " order by ready_at, id")
                .execute(Tuple.of(pickupLocationId, (double) usedWindow.getSeconds()))
                .map(rows -> {
                    List<CodeCandidate> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new CodeCandidate(
                                row.getString("id"),
                                row.getString("order_id"),
                                row.getString("status"),
                                row.getString("pickup_code_hash")));
                    }
                    return list;
                });
    }

    /**
     * Locks the pickup point's guard row (made on first use) for the rest of the transaction, so the
     * verifications at one point run one after the other; when the point is locked out now, the
     * lockout's end.
     */
    Uni<Optional<Instant>> lockGuard(SqlConnection conn, String pickupLocationId) {
        return conn.preparedQuery("insert into pickup_guard (location_id, failures, window_start)"
                        + " values ($1, 0, now()) on conflict (location_id) do nothing")
                .execute(Tuple.of(pickupLocationId))
                .chain(() -> conn.preparedQuery("select case when locked_until > now() then locked_until end"
                                + " as locked_until from pickup_guard where location_id = $1 for update")
                        .execute(Tuple.of(pickupLocationId)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("locked_until"))
                        .map(OffsetDateTime::toInstant));
    }

    private static Optional<Instant> lockoutEnd(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(
                        rows.iterator().next().getOffsetDateTime("locked_until").toInstant());
    }

    /**
     * Counts one wrong code (the caller holds the guard's lock and commits this even though the
     * request fails); the lockout's end if this failure reached the limit.
     */
    Uni<Optional<Instant>> recordWrongCode(
            SqlConnection conn, String pickupLocationId, int maxFailures, Duration window, Duration lockout) {
        return conn.preparedQuery(RECORD_FAILURE)
                .execute(Tuple.of(pickupLocationId, (double) window.getSeconds()))
                .chain(() -> conn.preparedQuery(LOCK_OUT)
                        .execute(Tuple.of(pickupLocationId, maxFailures, (double) lockout.getSeconds())))
                .map(FulfillmentRepository::lockoutEnd);
    }

    /**
     * One order with a parcel not collected in time, locked; other instances skip it, and so does
     * this sweep for the orders in {@code skip} (their expiry failed a moment ago).
     */
    Uni<Optional<String>> lockOrderWithExpiredPickup(SqlConnection conn, Duration expiry, List<String> skip) {
        return conn.preparedQuery("select o.id from orders o where o.id in (select f.order_id from fulfillment f"
                        + "   where f.status = " + FulfillmentStatus.READY_FOR_PICKUP.sql()
                        + " and f.ready_at <= now() - make_interval(secs => $1)"
                        + "   and f.order_id <> all($2) order by f.ready_at limit 50)"
                        + " and o.id <> all($2) limit 1 for update of o skip locked")
                .execute(Tuple.of((double) expiry.getSeconds(), skip.toArray(String[]::new)))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("id")));
    }

    Uni<List<String>> expiredPickups(SqlConnection conn, String orderId, Duration expiry) {
        return conn.preparedQuery("select id from fulfillment where order_id = $1 and status = "
                        + FulfillmentStatus.READY_FOR_PICKUP.sql()
                        + " and ready_at <= now() - make_interval(secs => $2) order by id")
                .execute(Tuple.of(orderId, (double) expiry.getSeconds()))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return ids;
                });
    }
}
