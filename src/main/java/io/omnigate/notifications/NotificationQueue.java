package io.omnigate.notifications;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The notifications owed, in PostgreSQL: order events become one row per channel the customer had
 * opted into (under the cursor's row lock, so one instance reads each event), and rows are claimed
 * for sending with {@code skip locked}, so every instance can send.
 */
@ApplicationScoped
class NotificationQueue {

    /** One notification claimed for sending. */
    record Claimed(
            long id, long seq, String orderId, String customerId, NotificationChannel channel, String template) {}

    /** What the gate reads when a notification leaves: the sealed contact and the newest consent record. */
    record Content(String sealed, Long consentRecordId, boolean granted, String locationId) {}

    private static final String LOCK_CURSOR = "select last_seq from notification_cursor for update skip locked";

    private static final String EVENTS =
            "select seq, type, order_id, status from event_outbox" + " where seq > $1 order by seq limit $2";

    /** A row per event and channel whose newest notify.* record grants it, for orders with contact data. */
    private static final String QUEUE = "insert into notification"
            + " (seq, order_id, customer_id, channel, template, consent_record_id)"
            + " select x.seq, x.order_id, o.customer_id, ch, x.template, r.id"
            + " from unnest($1::bigint[], $2::text[], $3::text[]) as x(seq, order_id, template)"
            + " join orders o on o.id = x.order_id and o.customer_id is not null"
            + " join customer_contact c on c.order_id = o.id and c.sealed is not null"
            + " cross join unnest($4::text[]) as ch"
            + " join lateral (select id, granted from consent_record where customer_id = o.customer_id"
            + "   and purpose = 'notify.' || ch order by id desc limit 1) r on r.granted"
            + " on conflict (seq, channel) do nothing";

    /** Claims due rows by pushing their next attempt out (doubling per attempt), oldest first. */
    private static final String CLAIM = "update notification n set attempts = n.attempts + 1,"
            + " next_at = now() + make_interval(secs => $1 * power(2, least(n.attempts, 8)))"
            + " where n.id in (select id from notification where status = 'PENDING' and next_at <= now()"
            + "   order by next_at limit $2 for update skip locked)"
            + " returning n.id, n.seq, n.order_id, n.customer_id, n.channel, n.template";

    private static final String CONTENT = "select c.sealed, r.id as consent_id, r.granted,"
            + " coalesce(o.pickup_location_id, (select f.location_id from fulfillment f"
            + "   where f.order_id = o.id order by f.created_at limit 1)) as location_id"
            + " from orders o left join customer_contact c on c.order_id = o.id"
            + " left join lateral (select id, granted from consent_record where customer_id = o.customer_id"
            + "   and purpose = $2 order by id desc limit 1) r on true"
            + " where o.id = $1";

    /** Sent: the row says what left and under which record, and the register records the disclosure. */
    private static final String SENT = "with n as (update notification set status = 'SENT', sent_at = now(),"
            + " sent_fields = $2, consent_record_id = $3 where id = $1 returning customer_id, order_id, channel)"
            + " insert into disclosure (customer_id, order_id, recipient_class, recipient, fields, basis,"
            + "   consent_record_id)"
            + " select customer_id, order_id, 'notify.' || channel, 'notifications:' || channel, $2, 'consent', $3"
            + " from n";

    private static final String SKIPPED =
            "update notification set status = 'SKIPPED', skipped_because = $2 where id = $1";

    private static final String FAILED = "update notification set status = 'FAILED' where id = $1 and attempts >= $2";

    private final Pool pool;

    NotificationQueue(Pool pool) {
        this.pool = pool;
    }

    /** With no channel to send on, the cursor skips to the newest event: nothing old is sent once one is set up. */
    Uni<Void> skipAll() {
        return pool.query("update notification_cursor set last_seq = (select last_seq from event_sequence)")
                .execute()
                .replaceWithVoid();
    }

    /**
     * Reads up to {@code batch} new outbox events and queues the notifications they owe on
     * {@code channels}; the number of events read (0 when another instance holds the cursor).
     */
    Uni<Integer> queueNew(int batch, List<NotificationChannel> channels) {
        return pool.withTransaction(conn -> conn.query(LOCK_CURSOR).execute().chain(cursor -> {
            if (cursor.size() == 0) {
                return Uni.createFrom().item(0);
            }
            return conn.preparedQuery(EVENTS)
                    .execute(Tuple.of(cursor.iterator().next().getLong("last_seq"), batch))
                    .chain(events -> queue(conn, events, channels));
        }));
    }

    private Uni<Integer> queue(SqlConnection conn, RowSet<Row> events, List<NotificationChannel> channels) {
        if (events.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Long> seqs = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        long last = 0;
        for (Row event : events) {
            last = event.getLong("seq");
            Optional<String> template = NotificationTemplates.of(event.getString("type"), event.getString("status"));
            if (template.isPresent() && event.getString("order_id") != null) {
                seqs.add(last);
                orders.add(event.getString("order_id"));
                templates.add(template.get());
            }
        }
        Uni<?> queued = seqs.isEmpty() || channels.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(QUEUE)
                        .execute(Tuple.of(
                                seqs.toArray(Long[]::new),
                                orders.toArray(String[]::new),
                                templates.toArray(String[]::new),
                                channels.stream().map(NotificationChannel::code).toArray(String[]::new)));
        long cursor = last;
        return queued.chain(() -> conn.preparedQuery("update notification_cursor set last_seq = $1")
                        .execute(Tuple.of(cursor)))
                .replaceWith(events.size());
    }

    /** Claims up to {@code limit} due notifications; a claimed row is not claimed again before {@code pauseSeconds}. */
    Uni<List<Claimed>> claim(double pauseSeconds, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(pauseSeconds, limit)).map(rows -> {
            List<Claimed> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                NotificationChannel.ofCode(row.getString("channel"))
                        .ifPresent(channel -> out.add(new Claimed(
                                row.getLong("id"),
                                row.getLong("seq"),
                                row.getString("order_id"),
                                row.getString("customer_id"),
                                channel,
                                row.getString("template"))));
            }
            return out;
        });
    }

    Uni<Content> content(Claimed claimed) {
        return pool.preparedQuery(CONTENT)
                .execute(Tuple.of(claimed.orderId(), claimed.channel().purpose().code()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Content(
                            row.getString("sealed"),
                            row.getLong("consent_id"),
                            Boolean.TRUE.equals(row.getBoolean("granted")),
                            row.getString("location_id"));
                });
    }

    Uni<Void> sent(long id, List<String> fields, long consentRecordId) {
        return pool.preparedQuery(SENT)
                .execute(Tuple.from(Arrays.asList(id, fields.toArray(String[]::new), consentRecordId)))
                .replaceWithVoid();
    }

    Uni<Void> skipped(long id, String because) {
        return pool.preparedQuery(SKIPPED).execute(Tuple.of(id, because)).replaceWithVoid();
    }

    Uni<Void> failedIfExhausted(long id, int attempts) {
        return pool.preparedQuery(FAILED).execute(Tuple.of(id, attempts)).replaceWithVoid();
    }
}
