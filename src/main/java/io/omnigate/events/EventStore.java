package io.omnigate.events;

import io.omnigate.platform.DatabaseAddress;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The outbox in PostgreSQL: numbering, reading, replaying and pruning events. */
@ApplicationScoped
public class EventStore {

    /** Pokes carrying the highest seq just numbered. */
    public static final String EVENTS_CHANNEL = "omnigate_events";

    /** Advisory lock key of the sequencer: one numbering transaction at a time, across instances. */
    private static final long SEQUENCER_LOCK = 0x6f6d6e6967617465L;

    /** Advisory lock key of the pruner: one instance prunes at a time. */
    private static final long PRUNER_LOCK = SEQUENCER_LOCK + 1;

    /**
     * Numbers up to $1 committed events in id order, gives their history rows the same seq, and
     * pokes every relay with the highest seq. Runs under the sequencer lock, so each call's
     * numbers are higher than those of every call committed before it.
     */
    private static final String NUMBER = "with b as (select id, row_number() over (order by id) as rn"
            + "   from (select id from event_outbox where seq is null order by id limit $1) x),"
            + " n as (update event_sequence set last_seq = last_seq + (select count(*) from b)"
            + "   where exists (select 1 from b) returning last_seq),"
            + " s as (update event_outbox e set seq = n.last_seq - (select count(*) from b) + b.rn"
            + "   from b, n where e.id = b.id returning e.id, e.seq),"
            + " h as (update order_history h set seq = s.seq from s where h.event_id = s.id and h.seq is null)"
            + " select numbered, last, pg_notify('" + EVENTS_CHANNEL + "', last::text)"
            + " from (select count(*) as numbered, max(seq) as last from s) t where numbered > 0";

    private static final String OUTBOX_COLUMNS = "seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, payload::text as payload, created_at as at";

    private static final String READ =
            "select " + OUTBOX_COLUMNS + " from event_outbox where seq > $1 order by seq limit $2";

    private static final String LOCATION_REPLAY = "select " + OUTBOX_COLUMNS + " from event_outbox"
            + " where location_id = $1 and seq > $2 and seq <= $3 order by seq limit $4";

    private static final String ORDER_REPLAY = "select seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, detail::text as payload, at from order_history"
            + " where order_id = $1 and seq > $2 and seq <= $3 order by seq limit $4";

    private static final String PRUNE = "with d as (delete from event_outbox where id in (select id from event_outbox"
            + "   where seq is not null and created_at < now() - make_interval(secs => $1) order by created_at"
            + "   limit $2) returning seq),"
            + " u as (update event_sequence set pruned_through = greatest(pruned_through, (select max(seq) from d))"
            + "   where exists (select 1 from d))"
            + " select count(*) as pruned from d";

    /** Where numbering stands and up to which seq events may have been pruned. */
    public record Position(long lastSeq, long prunedThrough) {}

    /** Replays, pruning and look-ups: the application's pool. */
    private final Pool pool;

    /**
     * Numbering and the relay's reads: two connections of their own, so events keep flowing when
     * request traffic has every connection of the main pool busy.
     */
    private final Pool relayPool;

    EventStore(Pool pool, DatabaseAddress database, Vertx vertx) {
        this.pool = pool;
        PgConnectOptions relay = database.connectOptions().setTcpKeepAlive(true);
        relay.addProperty("statement_timeout", "30000")
                .addProperty("lock_timeout", "30000")
                .addProperty("idle_in_transaction_session_timeout", "30000");
        this.relayPool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2).setName("omnigate-relay").setConnectionTimeout(30))
                .connectingTo(relay)
                .using(vertx)
                .build());
    }

    void close(@Observes ShutdownEvent event) {
        relayPool.closeAndAwait();
    }

    public Uni<Position> position() {
        return pool.query("select last_seq, pruned_through from event_sequence")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getLong("last_seq"), row.getLong("pruned_through"));
                });
    }

    /** Numbers committed events, at most {@code batch}; returns how many it numbered. */
    public Uni<Integer> number(int batch) {
        return relayPool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(SEQUENCER_LOCK))
                .chain(() -> conn.preparedQuery(NUMBER).execute(Tuple.of(batch)))
                .map(rows -> rows.size() == 0
                        ? 0
                        : rows.iterator().next().getLong("numbered").intValue()));
    }

    /** Numbered events after {@code seq}, in order. */
    public Uni<List<OutboxEvent>> after(long seq, int limit) {
        return relayPool.preparedQuery(READ).execute(Tuple.of(seq, limit)).map(EventStore::events);
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
