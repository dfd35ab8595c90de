package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hold} table. Statements name {@link HoldStatus#ACTIVE} as a literal, so the partial
 * indexes on {@code status = 'ACTIVE'} (V4) serve them.
 */
@ApplicationScoped
class HoldRepository {

    /** How many due holds one sweep pass releases at most. */
    static final int SWEEP_BATCH = 500;

    private static final String DUE = "select id from hold where status = " + HoldStatus.ACTIVE.sql()
            + " and expires_at <= now()" + " order by id limit " + SWEEP_BATCH + " for update skip locked";

    private static final String ANY_DUE =
            "select exists (select 1 from hold where status = " + HoldStatus.ACTIVE.sql() + " and expires_at <= now())";

    private static final String INSERT_HOLD =
            "insert into hold (id, status, expires_at, owner) values ($1, " + HoldStatus.ACTIVE.sql() + ", $2, $3)";

    private static final String LOCK_HOLD =
            "select status, owner, expires_at <= now() as expired from hold where id = $1 for update";

    private static final String SET_STATUS = "update hold set status = $2 where id = any($1)";

    private static final String SET_ORDER = "update hold set order_id = $2 where id = $1";

    /** A hold under its row lock; {@code owner} is null for holds made before owners were kept. */
    record LockedHold(HoldStatus status, String owner, boolean expired) {}

    private final Pool pool;

    HoldRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether any hold's TTL has passed: one cheap indexed query, outside any transaction. */
    Uni<Boolean> anyDue() {
        return pool.query(ANY_DUE).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Locks up to {@link #SWEEP_BATCH} due holds that no other transaction holds, and returns their ids. */
    Uni<List<String>> lockDue(SqlConnection conn) {
        return conn.preparedQuery(DUE).execute().map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getString("id")));
            return ids;
        });
    }

    /** Locks the hold; empty when there is no such hold. */
    Uni<Optional<LockedHold>> lock(SqlConnection conn, String holdId) {
        return conn.preparedQuery(LOCK_HOLD).execute(Tuple.of(holdId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row hold = rows.iterator().next();
            return Optional.of(new LockedHold(
                    HoldStatus.of(hold.getString("status")), hold.getString("owner"), hold.getBoolean("expired")));
        });
    }

    Uni<Void> insert(SqlConnection conn, String holdId, Instant expiresAt, String owner) {
        return conn.preparedQuery(INSERT_HOLD)
                .execute(Tuple.of(holdId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC), owner))
                .replaceWithVoid();
    }

    Uni<Void> setStatus(SqlConnection conn, List<String> ids, HoldStatus status) {
        return conn.preparedQuery(SET_STATUS)
                .execute(Tuple.of(ids.toArray(String[]::new), status.name()))
                .replaceWithVoid();
    }

    /** Records the order that took the hold over. */
    Uni<Void> setOrder(SqlConnection conn, String holdId, String orderId) {
        return conn.preparedQuery(SET_ORDER).execute(Tuple.of(holdId, orderId)).replaceWithVoid();
    }
}
