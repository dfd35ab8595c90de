package io.omnigate.customers;

import io.omnigate.carriers.ShipmentNotices;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer part of a stored order for those who may see it (the order's own token and admins):
 * who it is for, the contact data opened, and which recipients get less for want of consent now.
 */
@ApplicationScoped
public class OrderCustomerView {

    private static final String READ = "select o.customer_id, o.channel, o.method, c.sealed, n.carrier"
            + " from orders o left join customer_contact c on c.order_id = o.id"
            + " left join carrier_notice n on n.order_id = o.id where o.id = $1";

    private final Pool pool;
    private final CustomerContacts contacts;
    private final ConsentLedger ledger;
    private final ShipmentNotices notices;

    OrderCustomerView(Pool pool, CustomerContacts contacts, ConsentLedger ledger, ShipmentNotices notices) {
        this.pool = pool;
        this.contacts = contacts;
        this.ledger = ledger;
        this.notices = notices;
    }

    /** The customer part of order {@code orderId}; empty when the order named no customer or channel. */
    public Uni<Optional<CustomerApi.OrderCustomer>> of(String orderId) {
        return pool.preparedQuery(READ).execute(Tuple.of(orderId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            Row row = rows.iterator().next();
            String customerId = row.getString("customer_id");
            Channel channel = Channel.ofCode(row.getString("channel"));
            if (customerId == null) {
                return Uni.createFrom()
                        .item(Optional.ofNullable(
                                channel == null
                                        ? null
                                        : new CustomerApi.OrderCustomer(null, channel, false, List.of())));
            }
            Optional<CustomerContacts.Contact> contact = contacts.open(row.getString("sealed"));
            String method = row.getString("method");
            CustomerContacts.OrderContext order = new CustomerContacts.OrderContext(
                    orderId,
                    "SHIP".equals(method) || "SAME_DAY".equals(method),
                    "LOCKER".equals(method),
                    channel,
                    row.getString("carrier"));
            Set<Purpose> involved = CustomerContacts.involved(order, notices.isExternal(order.carrier()));
            return ledger.current(pool, customerId)
                    .map(state -> Optional.of(view(customerId, channel, contact, involved, state)));
        });
    }

    private static CustomerApi.OrderCustomer view(
            String customerId,
            Channel channel,
            Optional<CustomerContacts.Contact> contact,
            Set<Purpose> involved,
            Map<Purpose, CustomerApi.ConsentState> state) {
        Set<Purpose> withheld = EnumSet.noneOf(Purpose.class);
        involved.stream()
                .filter(p -> state.get(p) == null || !state.get(p).granted())
                .forEach(withheld::add);
        boolean contactable =
                contact.map(c -> c.email() != null || c.phone() != null).orElse(false);
        List<Purpose> reduced = contactable ? new ArrayList<>(withheld) : List.of();
        CustomerContacts.Contact opened = contact.orElse(null);
        return new CustomerApi.OrderCustomer(
                customerId,
                channel,
                !reduced.isEmpty(),
                reduced,
                opened == null ? null : opened.name(),
                opened == null ? null : opened.email(),
                opened == null ? null : opened.phone(),
                opened == null ? null : opened.locale());
    }
}
