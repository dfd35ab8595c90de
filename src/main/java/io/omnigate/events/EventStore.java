package io.omnigate.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The outbox in PostgreSQL: replaying and pruning events (numbering is the relay pass, {@link RelayConnection}). */
@ApplicationScoped
public class EventStore {

    /** Pokes carrying the highest seq just numbered (sent by the relay pass, V9 migration). */
    public static final String EVENTS_CHANNEL = "omnigate_events";

    /** Advisory lock key of the pruner: one instance prunes at a time. */
    private static final long PRUNER_LOCK = 0x6f6d6e6967617465L + 1;

    private static final String OUTBOX_COLUMNS = "seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, payload::text as payload, created_at as at";

    private static final String LOCATION_REPLAY = "select " + OUTBOX_COLUMNS + " from event_outbox"
            + " where location_id = $1 and seq > $2 and seq <= $3 order by seq limit $4";

    private static final String ORDER_REPLAY = "select seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, detail::text as payload, at from order_history"
            + " where order_id = $1 and seq > $2 and seq <= $3 order by seq limit $4";

    /**
     * Deletes, of the {@code $2} oldest numbered events by id, those older than {@code $1} seconds.
     * The id order is the insert order and so, but for commits racing by a few milliseconds, the
     * age order: the pass reads {@code $2} rows of the primary key and needs no index of its own on
     * {@code created_at}, which every event would otherwise pay for twice (insert and numbering).
     * A younger event among them waits for a later pass.
     */
    private static final String PRUNE = "with c as (select id, created_at from event_outbox where seq is not null"
            + "   order by id limit $2),"
            + " d as (delete from event_outbox e using c"
            + "   where e.id = c.id and c.created_at < now() - make_interval(secs => $1) returning e.seq),"
            + " u as (update event_sequence set pruned_through = greatest(pruned_through, (select max(seq) from d))"
            + "   where exists (select 1 from d))"
            + " select count(*) as pruned from d";

    /** Where numbering stands and up to which seq events may have been pruned. */
    public record Position(long lastSeq, long prunedThrough) {}

    /** Replays, pruning and look-ups: the application's pool. */
    private final Pool pool;

    EventStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Position> position() {
        return pool.query("select last_seq, pruned_through from event_sequence")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getLong("last_seq"), row.getLong("pruned_through"));
                });
    }

    /** A location's events in (after, upTo], in order. */
    public Uni<List<OutboxEvent>> locationEvents(String locationId, long after, long upTo, int limit) {
        return pool.preparedQuery(LOCATION_REPLAY)
                .execute(Tuple.of(locationId, after, upTo, limit))
                .map(EventStore::events);
    }

    /** An order's events in (after, upTo], in order, from its history (never pruned). */
    public Uni<List<OutboxEvent>> orderEvents(String orderId, long after, long upTo, int limit) {
        return pool.preparedQuery(ORDER_REPLAY)
                .execute(Tuple.of(orderId, after, upTo, limit))
                .map(EventStore::events);
    }

    public Uni<Boolean> orderExists(String orderId) {
        return pool.preparedQuery("select 1 from orders where id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Deletes events older than {@code retention}, {@code batch} at a time, unless another instance
     * is pruning; returns how many went.
     */
    public Uni<Long> prune(Duration retention, int batch) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1) as mine")
                .execute(Tuple.of(PRUNER_LOCK))
                .chain(lock -> {
                    if (!lock.iterator().next().getBoolean("mine")) {
                        return Uni.createFrom().item(0L);
                    }
                    return conn.preparedQuery(PRUNE)
                            .execute(Tuple.of((double) retention.toSeconds(), batch))
                            .map(rows -> rows.iterator().next().getLong("pruned"));
                }));
    }

    private static List<OutboxEvent> events(RowSet<Row> rows) {
        List<OutboxEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(OutboxEvent.of(row));
        }
        return events;
    }
}
