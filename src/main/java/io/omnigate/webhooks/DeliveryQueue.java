package io.omnigate.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.DatabaseAddress;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The deliveries waiting in PostgreSQL, shared by every instance: events become deliveries under
 * the subscription's row lock (one instance at a time moves a cursor), and a delivery is sent by
 * whoever claims it with {@code for update skip locked}, under a lease. Its own two connections,
 * so webhook traffic never takes a connection a request needs.
 */
@ApplicationScoped
class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    /** A subscription as the dispatcher needs it. */
    record Target(String id, String url, String secret, List<String> eventTypes) {}

    /** A claimed delivery: send {@code body}, then report {@link #delivered} or {@link #failed}. */
    record Claimed(long id, String subscriptionId, long seq, String body, int attempt) {}

    private static final String LOCK_SUBSCRIPTION =
            "select cursor, event_types from webhook_subscription where id = $1 for update skip locked";

    private static final String EVENTS = "select seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, payload::text as payload, created_at from event_outbox"
            + " where seq > $1 order by seq limit $2";

    private static final String INSERT = "insert into webhook_delivery"
            + " (subscription_id, seq, event_type, order_key, body, state)"
            + " select $1, s, t, k, b, 'PENDING' from unnest($2::bigint[], $3::text[], $4::text[], $5::text[])"
            + " as x(s, t, k, b) on conflict (subscription_id, seq) do nothing";

    /** The head of each order's queue that is due and not leased; later events of an order wait for it. */
    private static final String CLAIM = "with c as (select d.id from webhook_delivery d"
            + "   where d.subscription_id = $1 and d.state = 'PENDING' and d.next_attempt_at <= now()"
            + "   and (d.claimed_until is null or d.claimed_until < now())"
            + "   and not exists (select 1 from webhook_delivery p where p.subscription_id = d.subscription_id"
            + "     and p.order_key = d.order_key and p.state = 'PENDING' and p.seq < d.seq)"
            + "   order by d.seq limit $2 for update skip locked)"
            + " update webhook_delivery d set claimed_until = now() + make_interval(secs => $3),"
            + "   attempts = d.attempts + 1, first_attempt_at = coalesce(d.first_attempt_at, now()), updated_at = now()"
            + " from c where d.id = c.id returning d.id, d.seq, d.body, d.attempts";

    private static final String DELIVERED = "update webhook_delivery set state = 'DELIVERED', claimed_until = null,"
            + " last_status = $2, last_error = null, last_response = $3, updated_at = now()"
            + " where id = $1 and state = 'PENDING'";

    /** Retried after $5 seconds, or parked when that would be past $6 seconds from the first attempt. */
    private static final String FAILED = "update webhook_delivery set claimed_until = null, last_status = $2,"
            + " last_error = $3, last_response = $4, updated_at = now(),"
            + " next_attempt_at = now() + make_interval(secs => $5),"
            + " state = case when first_attempt_at + make_interval(secs => $6) < now() + make_interval(secs => $5)"
            + "   then 'PARKED' else 'PENDING' end"
            + " where id = $1 and state = 'PENDING'";

    private static final String PRUNE = "delete from webhook_delivery where id in (select id from webhook_delivery"
            + " where state <> 'PENDING' and updated_at < now() - make_interval(secs => $1) limit 10000)";

    private final Pool pool;
    private final ObjectMapper json;

    DeliveryQueue(DatabaseAddress database, Vertx vertx, ObjectMapper json) {
        this.json = json;
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2).setName("omnigate-webhooks"))
                .connectingTo(database.connectOptions().setTcpKeepAlive(true))
                .using(vertx)
                .build());
    }

    void close(@Observes ShutdownEvent event) {
        pool.closeAndAwait();
    }

    Uni<List<Target>> targets() {
        return pool.query("select id, url, secret, event_types from webhook_subscription")
                .execute()
                .map(rows -> {
                    List<Target> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(new Target(
                            row.getString("id"),
                            row.getString("url"),
                            row.getString("secret"),
                            Arrays.asList(row.getArrayOfStrings("event_types")))));
                    return out;
                });
    }

    /**
     * Turns up to {@code batch} new outbox events into deliveries of one subscription and moves its
     * cursor past them; 0 when another instance holds the subscription or nothing is new.
     */
    Uni<Integer> enqueue(String subscriptionId, int batch) {
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK_SUBSCRIPTION)
                .execute(Tuple.of(subscriptionId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Row subscription = rows.iterator().next();
                    List<String> wanted = Arrays.asList(subscription.getArrayOfStrings("event_types"));
                    return conn.preparedQuery(EVENTS)
                            .execute(Tuple.of(subscription.getLong("cursor"), batch))
                            .chain(events -> insert(conn, subscriptionId, wanted, events));
                }));
    }

    private Uni<Integer> insert(
            SqlConnection conn,
            String subscriptionId,
            List<String> wanted,
            io.vertx.mutiny.sqlclient.RowSet<Row> events) {
        if (events.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Long> seqs = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        long last = 0;
        for (Row event : events) {
            last = event.getLong("seq");
            String type = event.getString("type");
            if (!WebhookEventTypes.wanted(wanted, type)) {
                continue;
            }
            String body;
            try {
                body = WebhookPayload.body(json, event);
            } catch (IllegalStateException e) {
                // One unreadable event must not stall the subscription for ever.
                LOG.errorf("Webhook %s skips event %d: %s", subscriptionId, last, e.getMessage());
                continue;
            }
            seqs.add(last);
            types.add(type);
            String orderId = event.getString("order_id");
            keys.add(orderId == null ? "" : orderId);
            bodies.add(body);
        }
        long cursor = last;
        Uni<?> inserted = seqs.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(INSERT)
                        .execute(Tuple.of(
                                subscriptionId,
                                seqs.toArray(Long[]::new),
                                types.toArray(String[]::new),
                                keys.toArray(String[]::new),
                                bodies.toArray(String[]::new)));
        return inserted.chain(() -> conn.preparedQuery("update webhook_subscription set cursor = $2 where id = $1")
                        .execute(Tuple.of(subscriptionId, cursor)))
                .replaceWith(events.size());
    }

    /** Claims up to {@code limit} due deliveries of a subscription for {@code lease}, oldest first. */
    Uni<List<Claimed>> claim(String subscriptionId, int limit, Duration lease) {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                .execute(Tuple.of(subscriptionId, limit, (double) lease.toSeconds()))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(new Claimed(
                            row.getLong("id"),
                            subscriptionId,
                            row.getLong("seq"),
                            row.getString("body"),
                            row.getInteger("attempts"))));
                    out.sort(Comparator.comparingLong(Claimed::seq));
                    return out;
                }));
    }

    Uni<Void> delivered(long id, int status, String response) {
        return pool.preparedQuery(DELIVERED)
                .execute(Tuple.of(id, status, response))
                .replaceWithVoid();
    }

    Uni<Void> failed(long id, Integer status, String error, String response, Duration retryIn, Duration retryFor) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.from(new Object[] {
                    id, status, error, response, retryIn.toMillis() / 1000.0, (double) retryFor.toSeconds()
                }))
                .replaceWithVoid();
    }

    /** Deletes delivered and parked deliveries last touched before {@code retention}; returns how many. */
    Uni<Integer> prune(Duration retention) {
        return pool.preparedQuery(PRUNE)
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
