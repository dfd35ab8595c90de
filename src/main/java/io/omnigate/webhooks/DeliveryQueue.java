package io.omnigate.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.DatabaseAddress;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    record Target(String id, String url, String secret, List<String> eventTypes, RecipientClass recipient) {}

    /** A claimed delivery: send {@code body}, then report {@link #delivered} or {@link #failed}. */
    record Claimed(long id, String subscriptionId, long seq, String body, int attempt) {}

    private static final String LOCK_SUBSCRIPTION =
            "select cursor, event_types, recipient_class from webhook_subscription where id = $1 for update skip locked";

    private static final String EVENTS = "select seq, type, order_id, fulfillment_id, location_id, status,"
            + " previous_status, payload::text as payload, created_at from event_outbox"
            + " where seq > $1 order by seq limit $2";

    private static final String INSERT = "insert into webhook_delivery"
            + " (subscription_id, seq, event_type, order_key, body, state, customer_id, disclosed_fields, consent_record_id)"
            + " select $1, s, t, k, b, 'PENDING', c, string_to_array(f, ','), r"
            + " from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])"
            + " as x(s, t, k, b, c, f, r) on conflict (subscription_id, seq) do nothing";

    /** The head of each order's queue that is due and not leased; later events of an order wait for it. */
    private static final String CLAIM = "with c as (select d.id from webhook_delivery d"
            + "   where d.subscription_id = $1 and d.state = 'PENDING' and d.next_attempt_at <= now()"
            + "   and (d.claimed_until is null or d.claimed_until < now())"
            + "   and not exists (select 1 from webhook_delivery p where p.subscription_id = d.subscription_id"
            + "     and p.order_key = d.order_key and p.state = 'PENDING' and p.seq < d.seq)"
            + "   order by d.seq limit $2 for update skip locked)"
            + " update webhook_delivery d set claimed_until = now() + make_interval(secs => $3),"
            + "   attempts = d.attempts + 1, first_attempt_at = coalesce(d.first_attempt_at, now()), updated_at = now()"
            + " from c where d.id = c.id returning d.id, d.seq, d.body, d.attempts,"
            + " cardinality(d.disclosed_fields) > 0 and not coalesce((select r.granted from consent_record r"
            + "   where r.customer_id = d.customer_id and r.purpose = $4 order by r.id desc limit 1), false) as withdrawn";

    /** A withdrawal came between queuing and sending: the body goes without the customer's data. */
    private static final String WITHDRAWN = "update webhook_delivery set body = $2, disclosed_fields = '{}',"
            + " consent_record_id = null where id = $1";

    /** Delivered; customer data it carried to a third party goes into the register of disclosures. */
    private static final String DELIVERED = "with d as (update webhook_delivery set state = 'DELIVERED',"
            + " claimed_until = null, last_status = $2, last_error = null, last_response = $3, updated_at = now()"
            + " where id = $1 and state = 'PENDING'"
            + " returning subscription_id, customer_id, order_key, disclosed_fields, consent_record_id)"
            + " insert into disclosure (customer_id, order_id, recipient_class, recipient, fields, basis, consent_record_id)"
            + " select d.customer_id, nullif(d.order_key, ''), 'share.' || s.recipient_class, 'webhook:' || s.id,"
            + " d.disclosed_fields, 'consent', d.consent_record_id"
            + " from d join webhook_subscription s on s.id = d.subscription_id where cardinality(d.disclosed_fields) > 0";

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
    private final WebhookCustomers customers;

    DeliveryQueue(DatabaseAddress database, Vertx vertx, ObjectMapper json, WebhookCustomers customers) {
        this.json = json;
        this.customers = customers;
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
        return pool.query("select id, url, secret, event_types, recipient_class from webhook_subscription")
                .execute()
                .map(rows -> {
                    List<Target> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(new Target(
                            row.getString("id"),
                            row.getString("url"),
                            row.getString("secret"),
                            Arrays.asList(row.getArrayOfStrings("event_types")),
                            recipientOf(row))));
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
                    RecipientClass recipient = recipientOf(subscription);
                    return conn.preparedQuery(EVENTS)
                            .execute(Tuple.of(subscription.getLong("cursor"), batch))
                            .chain(events -> customers
                                    .of(conn, orderIds(events, wanted, recipient), recipient)
                                    .chain(known -> insert(conn, subscriptionId, wanted, recipient, known, events)));
                }));
    }

    /** The orders of the events this subscription receives; third parties receive only events of an order. */
    private static Set<String> orderIds(RowSet<Row> events, List<String> wanted, RecipientClass recipient) {
        Set<String> ids = new HashSet<>();
        for (Row event : events) {
            if (receives(wanted, recipient, event) && event.getString("order_id") != null) {
                ids.add(event.getString("order_id"));
            }
        }
        return ids;
    }

    private static boolean receives(List<String> wanted, RecipientClass recipient, Row event) {
        return WebhookEventTypes.wanted(wanted, event.getString("type"))
                && (!recipient.isThirdParty() || event.getString("order_id") != null);
    }

    /** The columns of the deliveries one batch of events becomes. */
    private static final class Rows {
        final List<Long> seqs = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<String> customers = new ArrayList<>();
        final List<String> disclosed = new ArrayList<>();
        final List<Long> consents = new ArrayList<>();
    }

    private Uni<Integer> insert(
            SqlConnection conn,
            String subscriptionId,
            List<String> wanted,
            RecipientClass recipient,
            Map<String, WebhookCustomerGate.OrderCustomer> known,
            RowSet<Row> events) {
        if (events.size() == 0) {
            return Uni.createFrom().item(0);
        }
        Rows rows = new Rows();
        long last = 0;
        for (Row event : events) {
            last = event.getLong("seq");
            if (!receives(wanted, recipient, event)) {
                continue;
            }
            String orderId = event.getString("order_id");
            WebhookCustomerGate.OrderCustomer customer = orderId == null ? null : known.get(orderId);
            List<String> disclosed = new ArrayList<>();
            String body;
            try {
                body = WebhookPayload.body(
                        json, event, data -> disclosed.addAll(WebhookCustomerGate.apply(recipient, customer, data)));
            } catch (IllegalStateException e) {
                // One unreadable event must not stall the subscription for ever.
                LOG.errorf("Webhook %s skips event %d: %s", subscriptionId, last, e.getMessage());
                continue;
            }
            rows.seqs.add(last);
            rows.types.add(event.getString("type"));
            rows.keys.add(orderId == null ? "" : orderId);
            rows.bodies.add(body);
            rows.customers.add(customer == null ? null : customer.customerId());
            rows.disclosed.add(String.join(",", disclosed));
            rows.consents.add(disclosed.isEmpty() ? null : customer.consentRecordId());
        }
        long cursor = last;
        Uni<?> inserted = rows.seqs.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(INSERT)
                        .execute(Tuple.from(Arrays.asList(
                                subscriptionId,
                                rows.seqs.toArray(Long[]::new),
                                rows.types.toArray(String[]::new),
                                rows.keys.toArray(String[]::new),
                                rows.bodies.toArray(String[]::new),
                                rows.customers.toArray(String[]::new),
                                rows.disclosed.toArray(String[]::new),
                                rows.consents.toArray(Long[]::new))));
        return inserted.chain(() -> conn.preparedQuery("update webhook_subscription set cursor = $2 where id = $1")
                        .execute(Tuple.of(subscriptionId, cursor)))
                .replaceWith(events.size());
    }

    /**
     * Claims up to {@code limit} due deliveries of a subscription for {@code lease}, oldest first;
     * a body whose customer withdrew the sharing purpose since it was queued loses the customer's data.
     */
    Uni<List<Claimed>> claim(DeliveryQueue.Target target, int limit, Duration lease) {
        RecipientClass recipient = target.recipient();
        String purpose = recipient.isThirdParty() ? recipient.sharingPurpose().code() : null;
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                .execute(Tuple.of(target.id(), limit, (double) lease.toSeconds(), purpose))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem()
                .transformToUniAndConcatenate(row -> {
                    Claimed claimed = new Claimed(
                            row.getLong("id"),
                            target.id(),
                            row.getLong("seq"),
                            row.getString("body"),
                            row.getInteger("attempts"));
                    if (!row.getBoolean("withdrawn")) {
                        return Uni.createFrom().item(claimed);
                    }
                    String stripped = WebhookPayload.edit(
                            json, claimed.body(), data -> WebhookCustomerGate.withdraw(recipient, data));
                    return conn.preparedQuery(WITHDRAWN)
                            .execute(Tuple.of(claimed.id(), stripped))
                            .replaceWith(new Claimed(
                                    claimed.id(),
                                    claimed.subscriptionId(),
                                    claimed.seq(),
                                    stripped,
                                    claimed.attempt()));
                })
                .collect()
                .asList()
                .map(out -> {
                    List<Claimed> sorted = new ArrayList<>(out);
                    sorted.sort(Comparator.comparingLong(Claimed::seq));
                    return sorted;
                }));
    }

    private static RecipientClass recipientOf(Row row) {
        return RecipientClass.ofCode(row.getString("recipient_class")).orElseThrow();
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
