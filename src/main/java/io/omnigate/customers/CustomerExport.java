package io.omnigate.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right of access: one JSON document with everything omnigate holds about a customer, written
 * out {@value #BATCH} orders at a time, so an export's memory does not grow with the customer's history.
 */
@ApplicationScoped
public class CustomerExport {

    /** Orders read and written per statement. */
    static final int BATCH = 50;

    private static final String ORDER_IDS = "select id from orders where customer_id = $1 order by created_at, id";

    private static final String ORDER = "select json_build_object('id', o.id, 'status', o.status,"
            + " 'method', o.method, 'channel', o.channel, 'pickupLocationId', o.pickup_location_id,"
            + " 'destination', o.destination, 'shippingAddress', o.shipping_address, 'createdAt', o.created_at,"
            + " 'fulfillments', coalesce((select json_agg(json_build_object('id', f.id, 'locationId', f.location_id,"
            + "   'method', f.method, 'status', f.status, 'reason', f.reason, 'readyAt', f.ready_at,"
            + "   'lines', (select json_agg(json_build_object('sku', fl.sku, 'qty', fl.qty, 'mode', fl.mode)"
            + "     order by fl.sku) from fulfillment_line fl where fl.fulfillment_id = f.id))"
            + "   order by f.created_at, f.id) from fulfillment f where f.order_id = o.id), '[]'::json),"
            + " 'returns', coalesce((select json_agg(json_build_object('returnId', r.return_id, 'sku', r.sku,"
            + "   'qty', r.qty, 'method', r.method, 'locationId', r.location_id, 'at', r.created_at) order by r.id)"
            + "   from order_return r where r.order_id = o.id), '[]'::json),"
            + " 'history', coalesce((select json_agg(json_build_object('seq', h.seq, 'type', h.type,"
            + "   'fulfillmentId', h.fulfillment_id, 'locationId', h.location_id, 'status', h.status,"
            + "   'previousStatus', h.previous_status, 'detail', h.detail, 'at', h.at) order by h.id)"
            + "   from order_history h where h.order_id = o.id), '[]'::json))::text as doc,"
            + " c.sealed, c.erased_at"
            + " from unnest($1::text[]) with ordinality as x(id, n) join orders o on o.id = x.id"
            + " left join customer_contact c on c.order_id = o.id order by x.n";

    private static final String CONSENTS = "select coalesce(json_agg(json_build_object('recordId', id,"
            + " 'purpose', purpose, 'granted', granted, 'channel', channel, 'surface', surface,"
            + " 'noticeVersion', notice_version, 'recordedBy', recorded_by, 'at', recorded_at) order by id),"
            + " '[]'::json)::text as doc from consent_record where customer_id = $1";

    private static final String DISCLOSURES = "select coalesce(json_agg(json_build_object('id', id,"
            + " 'orderId', order_id, 'recipientClass', recipient_class, 'recipient', recipient, 'fields', fields,"
            + " 'basis', basis, 'consentRecordId', consent_record_id, 'at', disclosed_at) order by id),"
            + " '[]'::json)::text as doc from disclosure where customer_id = $1";

    private static final String NOTIFICATIONS = "select coalesce(json_agg(json_build_object('id', id,"
            + " 'orderId', order_id, 'channel', channel, 'template', template, 'status', status,"
            + " 'sentFields', sent_fields, 'consentRecordId', consent_record_id, 'skippedBecause', skipped_because,"
            + " 'createdAt', created_at, 'sentAt', sent_at) order by id), '[]'::json)::text as doc"
            + " from notification where customer_id = $1";

    private static final String ERASURE = "select erased_at from customer_erasure where customer_id = $1";

    private final Pool pool;
    private final CustomerContacts contacts;
    private final ObjectMapper json;

    CustomerExport(Pool pool, CustomerContacts contacts, ObjectMapper json) {
        this.pool = pool;
        this.contacts = contacts;
        this.json = json;
    }

    /** The document as chunks: the head, each order, then consents, disclosures, notifications and erasure. */
    public Multi<Buffer> document(String customerId) {
        Multi<String> head = Multi.createFrom()
                .item("{\"customerId\":" + encode(customerId) + ",\"exportedAt\":"
                        + encode(Instant.now().toString()) + ",\"orders\":[");
        Multi<String> orders = pool.preparedQuery(ORDER_IDS)
                .execute(Tuple.of(customerId))
                .onItem()
                .transformToMulti(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    List<List<String>> batches = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i += BATCH) {
                        batches.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
                    }
                    return Multi.createFrom().iterable(batches);
                })
                .onItem()
                .transformToUniAndConcatenate(this::orders)
                .filter(chunk -> !chunk.isEmpty());
        Multi<String> tail = Multi.createFrom()
                .uni(single(CONSENTS, customerId)
                        .chain(consents -> single(DISCLOSURES, customerId)
                                .chain(disclosures -> single(NOTIFICATIONS, customerId)
                                        .chain(notifications -> erasedAt(customerId)
                                                .map(erased -> "],\"consents\":" + consents + ",\"disclosures\":"
                                                        + disclosures + ",\"notifications\":" + notifications
                                                        + ",\"erasedAt\":" + erased + "}")))));
        return Multi.createBy()
                .concatenating()
                .streams(head, separated(orders), tail)
                .map(Buffer::buffer);
    }

    /** Commas between the orders of consecutive batches. */
    private static Multi<String> separated(Multi<String> batches) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean first = new AtomicBoolean(true);
            return batches.map(chunk -> first.getAndSet(false) ? chunk : "," + chunk);
        });
    }

    /** The orders of one batch, comma-separated, in the order asked for. */
    private Uni<String> orders(List<String> orderIds) {
        return pool.preparedQuery(ORDER)
                .execute(Tuple.of((Object) orderIds.toArray(String[]::new)))
                .map(rows -> {
                    StringBuilder chunk = new StringBuilder();
                    for (Row row : rows) {
                        if (!chunk.isEmpty()) {
                            chunk.append(',');
                        }
                        chunk.append(order(row));
                    }
                    return chunk.toString();
                });
    }

    private String order(Row row) {
        try {
            ObjectNode doc = (ObjectNode) json.readTree(row.getString("doc"));
            contacts.open(row.getString("sealed")).ifPresent(c -> doc.set("contact", json.valueToTree(c)));
            if (row.getOffsetDateTime("erased_at") != null) {
                doc.put(
                        "contactErasedAt",
                        row.getOffsetDateTime("erased_at").toInstant().toString());
            }
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<String> single(String sql, String customerId) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(customerId))
                .map(rows -> rows.iterator().next().getString("doc"));
    }

    private Uni<String> erasedAt(String customerId) {
        return pool.preparedQuery(ERASURE)
                .execute(Tuple.of(customerId))
                .map(rows -> rows.size() == 0
                        ? "null"
                        : encode(rows.iterator()
                                .next()
                                .getOffsetDateTime("erased_at")
                                .toInstant()
                                .toString()));
    }

    private String encode(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
