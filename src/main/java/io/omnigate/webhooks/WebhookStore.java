package io.omnigate.webhooks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Subscriptions and their delivery logs, for the admin API (the request pool). */
@ApplicationScoped
class WebhookStore {

    private static final String COLUMNS = "s.id, s.url, s.event_types, s.recipient_class, s.created_at, s.cursor,"
            + " (select count(*) from webhook_delivery d where d.subscription_id = s.id and d.state = 'PENDING')"
            + "   as pending,"
            + " (select count(*) from webhook_delivery d where d.subscription_id = s.id and d.state = 'PARKED')"
            + "   as parked";

    /** A new subscription starts after the last event numbered so far: it gets what happens next. */
    private static final String INSERT =
            "insert into webhook_subscription (id, url, event_types, secret, cursor, recipient_class)"
                    + " select $1, $2, $3, $4, last_seq, $5 from event_sequence returning id";

    private static final String DELIVERY_COLUMNS = "id, subscription_id, seq, event_type, state, attempts,"
            + " next_attempt_at, last_status, last_error, last_response, updated_at";

    private static final String LOG = "select " + DELIVERY_COLUMNS + " from webhook_delivery"
            + " where subscription_id = $1 and ($2::text is null or state = $2) and id < $3"
            + " order by id desc limit $4";

    private static final String REQUEUE = "update webhook_delivery set state = 'PENDING', attempts = 0,"
            + " first_attempt_at = null, next_attempt_at = now(), claimed_until = null, updated_at = now()"
            + " where subscription_id = $1 and state <> 'PENDING' and (id = $2 or ($2 is null and state = 'PARKED'))";

    private final Pool pool;

    WebhookStore(Pool pool) {
        this.pool = pool;
    }

    Uni<WebhookApi.Webhook> create(
            String id, String url, List<String> eventTypes, String secret, RecipientClass recipient) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, url, eventTypes.toArray(String[]::new), secret, recipient.code()))
                .chain(() -> find(id))
                .map(found -> found.orElseThrow().withSecret(secret));
    }

    Uni<List<WebhookApi.Webhook>> list() {
        return pool.query("select " + COLUMNS + " from webhook_subscription s order by s.created_at, s.id")
                .execute()
                .map(WebhookStore::webhooks);
    }

    Uni<Optional<WebhookApi.Webhook>> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from webhook_subscription s where s.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> webhooks(rows).stream().findFirst());
    }

    /** Removes the subscription and its log; false when there was none. */
    Uni<Boolean> delete(String id) {
        return pool.preparedQuery("delete from webhook_subscription where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    Uni<List<WebhookApi.Delivery>> deliveries(String subscriptionId, String state, long before, int limit) {
        return pool.preparedQuery(LOG)
                .execute(Tuple.of(subscriptionId, state, before, limit))
                .map(rows -> {
                    List<WebhookApi.Delivery> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(delivery(row)));
                    return out;
                });
    }

    /** Queues one delivery again, or every parked one when {@code deliveryId} is null. */
    Uni<Long> requeue(String subscriptionId, Long deliveryId) {
        return pool.preparedQuery(REQUEUE)
                .execute(Tuple.of(subscriptionId, deliveryId))
                .map(rows -> (long) rows.rowCount());
    }

    static String webhookId(String subscriptionId, long seq) {
        return "msg_" + subscriptionId + "_" + seq;
    }

    private static List<WebhookApi.Webhook> webhooks(RowSet<Row> rows) {
        List<WebhookApi.Webhook> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(new WebhookApi.Webhook(
                    row.getString("id"),
                    row.getString("url"),
                    Arrays.asList(row.getArrayOfStrings("event_types")),
                    RecipientClass.ofCode(row.getString("recipient_class")).orElseThrow(),
                    row.getOffsetDateTime("created_at"),
                    row.getLong("cursor"),
                    row.getLong("pending"),
                    row.getLong("parked"),
                    null));
        }
        return out;
    }

    private static WebhookApi.Delivery delivery(Row row) {
        return new WebhookApi.Delivery(
                row.getLong("id"),
                webhookId(row.getString("subscription_id"), row.getLong("seq")),
                row.getLong("seq"),
                row.getString("event_type"),
                row.getString("state"),
                row.getInteger("attempts"),
                "PENDING".equals(row.getString("state")) ? row.getOffsetDateTime("next_attempt_at") : null,
                row.getInteger("last_status"),
                row.getString("last_error"),
                row.getString("last_response"),
                row.getOffsetDateTime("updated_at"));
    }
}
