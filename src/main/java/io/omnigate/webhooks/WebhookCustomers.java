package io.omnigate.webhooks;

import io.omnigate.customers.CustomerContacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the customers of the orders a batch of webhook events is about: the contact data opened for
 * a third party, and the newest record of its sharing purpose, read when the bodies are fixed.
 */
@ApplicationScoped
class WebhookCustomers {

    private static final String READ = "select o.id, o.customer_id, c.sealed, r.id as consent_id, r.granted"
            + " from orders o left join customer_contact c on c.order_id = o.id"
            + " left join lateral (select id, granted from consent_record where customer_id = o.customer_id"
            + "   and purpose = $2 order by id desc limit 1) r on true"
            + " where o.id = any($1) and o.customer_id is not null";

    private final CustomerContacts contacts;

    WebhookCustomers(CustomerContacts contacts) {
        this.contacts = contacts;
    }

    /** The customer of each order in {@code orderIds} that has one, as {@code recipient} may see it. */
    Uni<Map<String, WebhookCustomerGate.OrderCustomer>> of(
            SqlConnection conn, Set<String> orderIds, RecipientClass recipient) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String purpose = recipient.isThirdParty() ? recipient.sharingPurpose().code() : null;
        return conn.preparedQuery(READ)
                .execute(Tuple.from(Arrays.asList(orderIds.toArray(String[]::new), purpose)))
                .map(rows -> {
                    Map<String, WebhookCustomerGate.OrderCustomer> out = new HashMap<>();
                    for (Row row : rows) {
                        boolean granted = Boolean.TRUE.equals(row.getBoolean("granted"));
                        CustomerContacts.Contact contact = recipient.isThirdParty() && granted
                                ? contacts.open(row.getString("sealed")).orElse(null)
                                : null;
                        out.put(
                                row.getString("id"),
                                new WebhookCustomerGate.OrderCustomer(
                                        row.getString("customer_id"), contact, row.getLong("consent_id"), granted));
                    }
                    return out;
                });
    }
}
