package io.omnigate.customers;

import io.omnigate.orders.OrderEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The right to erasure: the customer's contact data and every free-text field of their orders are
 * dropped or masked wherever omnigate stored them (webhook delivery logs included), in one transaction; order facts, stock and the
 * consent and disclosure registers stay. Running it again finds nothing left and says so.
 */
@ApplicationScoped
public class CustomerErasure {

    /** The public event an erasure writes once, so downstream systems erase their copies too. */
    public static final String CUSTOMER_ERASED = "customer.erased";

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('consent:' || $1, 0))";

    private static final String ORDERS = "select o.id, c.sealed from orders o"
            + " left join customer_contact c on c.order_id = o.id where o.customer_id = $1 order by o.id for update of o";

    private static final String CONTACTS = "update customer_contact set sealed = null, erased_at = now()"
            + " where customer_id = $1 and sealed is not null";

    /** Contact fields masked; the destination keeps only a coarse position (about 10 km) and the country. */
    private static final String ORDER_ROWS = "update orders set customer = null,"
            + " shipping_address = mask_contact(shipping_address, $2),"
            + " destination = case when destination is null then null else mask_contact(destination, $2)"
            + "   || jsonb_build_object('lat', round((destination ->> 'lat')::numeric, 1),"
            + "   'lon', round((destination ->> 'lon')::numeric, 1)) end"
            + " where id = any($1)";

    private static final String REASONS = "update fulfillment set reason = '[erased]'"
            + " where order_id = any($1) and reason is not null and reason <> '[erased]'";

    private static final String EVENTS = "update event_outbox set payload = mask_contact(payload, $2)"
            + " where order_id = any($1) and payload <> mask_contact(payload, $2)";

    private static final String HISTORY = "update order_history set detail = mask_contact(detail, $2)"
            + " where order_id = any($1) and detail <> mask_contact(detail, $2)";

    /** The request hash goes too: it is a digest of a body that held the contact data. */
    private static final String IDEMPOTENCY = "update idempotency_key set response = mask_contact(response, $2),"
            + " request_hash = 'erased' where order_id = any($1) and request_hash <> 'erased'";

    /** Webhook bodies queued for the customer's orders (a masked body discloses nothing), and logs quoting them. */
    private static final String WEBHOOKS = "update webhook_delivery set body = mask_contact(body::jsonb, $2)::text,"
            + " disclosed_fields = '{}',"
            + " last_response = case when exists (select 1 from unnest($2::text[]) s"
            + "   where strpos(last_response, s) > 0) then '[erased]' else last_response end,"
            + " last_error = case when exists (select 1 from unnest($2::text[]) s"
            + "   where strpos(last_error, s) > 0) then '[erased]' else last_error end"
            + " where order_key = any($1) and (body::jsonb <> mask_contact(body::jsonb, $2)"
            + "   or exists (select 1 from unnest($2::text[]) s where strpos(coalesce(last_response, '')"
            + "   || coalesce(last_error, ''), s) > 0))";

    /** Free text of curbside arrivals: the vehicle and the customer's note. */
    private static final String ARRIVALS = "update order_arrival set"
            + " vehicle = case when vehicle is null then null else '[erased]' end,"
            + " note = case when note is null then null else '[erased]' end"
            + " where order_id = any($1) and (vehicle <> '[erased]' or note <> '[erased]')";

    private static final String RECORD = "insert into customer_erasure (customer_id) values ($1)"
            + " on conflict (customer_id) do update set last_run_at = now()"
            + " returning erased_at, (xmax = 0) as first";

    private final Pool pool;
    private final CustomerContacts contacts;
    private final OrderEvents events;

    CustomerErasure(Pool pool, CustomerContacts contacts, OrderEvents events) {
        this.pool = pool;
        this.contacts = contacts;
        this.events = events;
    }

    public Uni<CustomerApi.Erasure> erase(String customerId) {
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(customerId))
                .chain(() -> conn.preparedQuery(ORDERS).execute(Tuple.of(customerId)))
                .chain(rows -> {
                    List<String> orderIds = new ArrayList<>();
                    Set<String> secrets = new LinkedHashSet<>();
                    for (Row row : rows) {
                        orderIds.add(row.getString("id"));
                        contacts.open(row.getString("sealed")).ifPresent(c -> {
                            addSecret(secrets, c.email());
                            addSecret(secrets, c.phone());
                            addSecret(secrets, c.name());
                        });
                    }
                    return eraseOrders(conn, customerId, orderIds, secrets);
                }));
    }

    private Uni<CustomerApi.Erasure> eraseOrders(
            SqlConnection conn, String customerId, List<String> orderIds, Set<String> secrets) {
        Object ids = orderIds.toArray(String[]::new);
        Object masked = secrets.toArray(String[]::new);
        int[] counts = new int[8];
        return count(conn, CONTACTS, Tuple.of(customerId), counts, 0)
                .chain(() -> count(conn, ORDER_ROWS, Tuple.of(ids, masked), counts, 1))
                .chain(() -> count(conn, EVENTS, Tuple.of(ids, masked), counts, 2))
                .chain(() -> count(conn, HISTORY, Tuple.of(ids, masked), counts, 3))
                .chain(() -> count(conn, IDEMPOTENCY, Tuple.of(ids, masked), counts, 4))
                .chain(() -> count(conn, REASONS, Tuple.of(ids), counts, 5))
                .chain(() -> count(conn, WEBHOOKS, Tuple.of(ids, masked), counts, 6))
                .chain(() -> count(conn, ARRIVALS, Tuple.of(ids), counts, 7))
                .chain(() -> conn.preparedQuery(RECORD).execute(Tuple.of(customerId)))
                .chain(recorded -> {
                    Row row = recorded.iterator().next();
                    boolean first = row.getBoolean("first");
                    CustomerApi.Erasure erasure = new CustomerApi.Erasure(
                            customerId,
                            row.getOffsetDateTime("erased_at").toInstant(),
                            !first,
                            orderIds.size(),
                            counts[0],
                            counts[2],
                            counts[3],
                            counts[4],
                            counts[5],
                            counts[6],
                            counts[7]);
                    boolean changed =
                            counts[0] + counts[2] + counts[3] + counts[4] + counts[5] + counts[6] + counts[7] > 0;
                    if (!first && !changed) {
                        return Uni.createFrom().item(erasure);
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("customerId", customerId);
                    payload.put("orders", orderIds.size());
                    payload.put("erasedAt", erasure.erasedAt().toString());
                    return events.write(
                                    conn,
                                    List.of(new OrderEvents.Event(
                                            CUSTOMER_ERASED, null, null, null, null, null, payload)))
                            .replaceWith(erasure);
                });
    }

    private static Uni<Void> count(SqlConnection conn, String sql, Tuple args, int[] counts, int slot) {
        return conn.preparedQuery(sql)
                .execute(args)
                .invoke(rows -> counts[slot] = rows.rowCount())
                .replaceWithVoid();
    }

    private static void addSecret(Set<String> secrets, String value) {
        if (value != null && value.strip().length() >= 3) {
            secrets.add(value.strip());
        }
    }
}
