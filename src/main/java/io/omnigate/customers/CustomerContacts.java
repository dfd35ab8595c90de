package io.omnigate.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.carriers.Carrier;
import io.omnigate.carriers.Carriers;
import io.omnigate.carriers.ShipmentNotices;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.DeploymentSecret;
import io.omnigate.security.SealedBox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who an order is for: the customer id and channel on the order, the contact data sealed
 * (AES-256-GCM) in a table of its own, a shipment notice owed to the named HTTP carrier, and the
 * answer to "will anyone get less contact data than the flow could carry?".
 */
@ApplicationScoped
public class CustomerContacts {

    /** The order being placed, as far as sharing is concerned. */
    public record OrderContext(String orderId, boolean shipped, boolean atLocker, Channel channel, String carrier) {}

    /** The contact data as sealed; fields the customer did not give are null. */
    public record Contact(String email, String phone, String name, String locale) {}

    private static final String ATTACH = "with o as (update orders set customer_id = $2, channel = $3 where id = $1),"
            + " c as (insert into customer_contact (order_id, customer_id, sealed, fields)"
            + "   select $1, $2, $4, $5::text[] where $4::text is not null),"
            + " n as (insert into carrier_notice (order_id, carrier) select $1, $6 where $6::text is not null)"
            + " select distinct on (purpose) purpose, granted from consent_record"
            + " where customer_id = $2 and purpose = any($7::text[]) order by purpose, id desc";

    private final SealedBox box;
    private final ObjectMapper json;
    private final Carriers carriers;
    private final ShipmentNotices notices;

    @Inject
    CustomerContacts(
            CustomersConfig config,
            ObjectMapper json,
            Carriers carriers,
            ShipmentNotices notices,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey) {
        this(
                DeploymentSecret.material(
                        config.contactSecret(), "omnigate.customers.contact-secret", signKeyLocation, signKey),
                json,
                carriers,
                notices);
    }

    CustomerContacts(byte[] secret, ObjectMapper json, Carriers carriers, ShipmentNotices notices) {
        this.box = new SealedBox(secret, "omnigate customer-contact seal v1", "omnigate customer contact");
        this.json = json;
        this.carriers = carriers;
        this.notices = notices;
    }

    /**
     * Records the customer on the order in the placement transaction {@code conn}; null when the
     * request named neither a customer nor a channel. 400/422 for a carrier that cannot be used.
     */
    public Uni<CustomerApi.OrderCustomer> attach(
            SqlConnection conn, OrderContext order, CustomerApi.Customer customer) {
        checkCarrier(order);
        if (customer == null && order.channel() == null) {
            return Uni.createFrom().nullItem();
        }
        String customerId = customer == null ? null : customer.customerId();
        List<String> fields = customer == null ? List.of() : customer.presentFields();
        String sealed = fields.isEmpty() ? null : seal(customer);
        boolean notify = customer != null && notices.isExternal(order.carrier()) && order.shipped();
        Set<Purpose> involved = involved(order, notify);
        return conn.preparedQuery(ATTACH)
                .execute(Tuple.from(Arrays.asList(
                        order.orderId(),
                        customerId,
                        order.channel() == null ? null : order.channel().code(),
                        sealed,
                        fields.toArray(String[]::new),
                        notify ? order.carrier() : null,
                        involved.stream().map(Purpose::code).toArray(String[]::new))))
                .map(rows -> {
                    Set<Purpose> withheld = EnumSet.noneOf(Purpose.class);
                    withheld.addAll(involved);
                    for (Row row : rows) {
                        if (row.getBoolean("granted")) {
                            Purpose.ofCode(row.getString("purpose")).ifPresent(withheld::remove);
                        }
                    }
                    boolean contactable = fields.contains("email") || fields.contains("phone");
                    List<Purpose> reduced = contactable ? new ArrayList<>(withheld) : List.of();
                    return new CustomerApi.OrderCustomer(customerId, order.channel(), !reduced.isEmpty(), reduced);
                });
    }

    /** The recipient classes outside omnigate that this order's flow involves. */
    static Set<Purpose> involved(OrderContext order, boolean carrierNotice) {
        Set<Purpose> involved = EnumSet.noneOf(Purpose.class);
        if (carrierNotice) {
            involved.add(Purpose.SHARE_CARRIER);
        }
        if (order.atLocker()) {
            involved.add(Purpose.SHARE_LOCKER_OPERATOR);
        }
        if (order.channel() == Channel.MARKETPLACE) {
            involved.add(Purpose.SHARE_MARKETPLACE);
        }
        return involved;
    }

    private void checkCarrier(OrderContext order) {
        if (order.carrier() == null) {
            return;
        }
        if (!order.shipped()) {
            throw ProblemException.invalid("carrier", "is only for SHIP and SAME_DAY orders");
        }
        boolean known = notices.isExternal(order.carrier())
                || carriers.all().stream().map(Carrier::name).anyMatch(order.carrier()::equals);
        if (!known) {
            throw ProblemException.unprocessable(
                    "unknown-reference", "Unknown carrier", "No carrier is configured as '" + order.carrier() + "'.");
        }
    }

    String seal(CustomerApi.Customer customer) {
        try {
            return box.seal(json.writeValueAsString(
                    new Contact(customer.email(), customer.phone(), customer.name(), customer.locale())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contact data in {@code sealed}; empty when erased or not sealed by this deployment. */
    public Optional<Contact> open(String sealed) {
        return box.open(sealed).map(plain -> {
            try {
                return json.readValue(plain, Contact.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
