package io.omnigate.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.carriers.ShipmentNotice;
import io.omnigate.carriers.ShipmentNotices;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The sharing gate toward carriers: sends the shipment notices placement left owed, with the
 * recipient's email and phone only while the customer's newest {@code share.carrier} record grants
 * it (read at sending time, so a withdrawal wins over notices not yet sent), and writes each
 * disclosure to the register. Notices are claimed with {@code skip locked}, so instances share them.
 * Delivery is at least once: a notice whose answer is lost (timeout) is sent again, so carriers
 * take {@code orderId} as the notice's identity; the register records the attempt acknowledged.
 */
@ApplicationScoped
public class CarrierNoticeSweep {

    private static final Logger LOG = Logger.getLogger(CarrierNoticeSweep.class);

    static final int MAX_PER_SWEEP = 50;

    /** Claims due notices by pushing their next attempt out (doubling per attempt), then sends them. */
    private static final String CLAIM = "update carrier_notice n set attempts = n.attempts + 1,"
            + " next_at = now() + make_interval(secs => $1 * power(2, least(n.attempts, 8)))"
            + " where n.order_id in (select order_id from carrier_notice where status = 'PENDING' and next_at <= now()"
            + "   order by next_at limit $2 for update skip locked)"
            + " returning n.order_id, n.carrier, n.attempts";

    private static final String CONTENT = "select o.customer_id, o.destination::text as destination,"
            + " o.shipping_address::text as shipping_address, c.sealed, r.id as consent_id, r.granted"
            + " from orders o left join customer_contact c on c.order_id = o.id"
            + " left join lateral (select id, granted from consent_record where customer_id = o.customer_id"
            + "   and purpose = '" + "share.carrier" + "' order by id desc limit 1) r on true"
            + " where o.id = $1";

    private static final String SENT = "with n as (update carrier_notice set status = 'SENT', sent_at = now(),"
            + " sent_fields = $3 where order_id = $1)"
            + " insert into disclosure (customer_id, order_id, recipient_class, recipient, fields, basis,"
            + "   consent_record_id)"
            + " select $2, $1, 'share.carrier', $4, f, b, c"
            + " from (values ($5::text[], 'contract', null::bigint), ($6::text[], 'consent', $7::bigint)) as x(f, b, c)"
            + " where cardinality(f) > 0";

    private static final String FAILED =
            "update carrier_notice set status = 'FAILED' where order_id = $1 and attempts >= $2";

    /** A notice ready to go: what is sent, and how the register describes it. */
    private record Outgoing(
            String orderId,
            String carrier,
            String customerId,
            ShipmentNotice notice,
            List<String> contractFields,
            List<String> consentFields,
            Long consentRecordId) {}

    private final Pool pool;
    private final ShipmentNotices notices;
    private final CustomerContacts contacts;
    private final CustomersConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private PeriodicSweep sweeper;

    CarrierNoticeSweep(
            Pool pool,
            ShipmentNotices notices,
            CustomerContacts contacts,
            CustomersConfig config,
            ObjectMapper json,
            Vertx vertx) {
        this.pool = pool;
        this.notices = notices;
        this.contacts = contacts;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(vertx, config.noticeInterval(), "Carrier notice sweep", this::sendDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /** Sends every due notice (up to {@value #MAX_PER_SWEEP}); the number sent. */
    public Uni<Integer> sendDue() {
        // The lease outlasts a send's timeout, so another instance never takes a notice still in flight.
        double pause = Math.max(1, 2 * config.noticeTimeout().toMillis() / 1000.0);
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(pause, MAX_PER_SWEEP))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem()
                .transformToUniAndConcatenate(row -> sendOne(
                                row.getString("order_id"), row.getString("carrier"), row.getInteger("attempts"))
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.warnf(
                                    "Shipment notice for %s to %s failed: %s",
                                    row.getString("order_id"), row.getString("carrier"), failure.getMessage());
                            return false;
                        }))
                .collect()
                .asList()
                .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> sendOne(String orderId, String carrier, int attempts) {
        return pool.preparedQuery(CONTENT)
                .execute(Tuple.of(orderId))
                .map(rows -> gate(orderId, carrier, rows.iterator().next()))
                .chain(out -> notices.send(carrier, out.notice(), config.noticeTimeout())
                        .chain(() -> pool.preparedQuery(SENT)
                                .execute(Tuple.from(Arrays.asList(
                                        orderId,
                                        out.customerId(),
                                        sentFields(out),
                                        carrier,
                                        out.contractFields().toArray(String[]::new),
                                        out.consentFields().toArray(String[]::new),
                                        out.consentFields().isEmpty() ? null : out.consentRecordId()))))
                        .replaceWith(true))
                .onFailure()
                .call(() -> pool.preparedQuery(FAILED).execute(Tuple.of(orderId, config.noticeAttempts())));
    }

    /** What this carrier may get: the delivery address always (the contract), contact data only with consent. */
    private Outgoing gate(String orderId, String carrier, Row row) {
        Map<String, Object> destination = map(row.getString("destination"));
        Map<String, Object> address = map(row.getString("shipping_address"));
        List<String> contract = new ArrayList<>();
        if (destination != null) {
            contract.add("destination");
        }
        if (address != null) {
            contract.add("shippingAddress");
        }
        boolean consented = Boolean.TRUE.equals(row.getBoolean("granted"));
        CustomerContacts.Contact contact =
                contacts.open(row.getString("sealed")).orElse(null);
        List<String> consentFields = new ArrayList<>();
        ShipmentNotice.Recipient recipient = null;
        if (consented && contact != null) {
            recipient = new ShipmentNotice.Recipient(contact.email(), contact.phone(), contact.locale());
            if (contact.email() != null) {
                consentFields.add("email");
            }
            if (contact.phone() != null) {
                consentFields.add("phone");
            }
        }
        return new Outgoing(
                orderId,
                carrier,
                row.getString("customer_id"),
                new ShipmentNotice(orderId, destination, address, recipient),
                contract,
                consentFields,
                row.getLong("consent_id"));
    }

    private static String[] sentFields(Outgoing out) {
        List<String> all = new ArrayList<>(out.contractFields());
        all.addAll(out.consentFields());
        return all.toArray(String[]::new);
    }

    private Map<String, Object> map(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
