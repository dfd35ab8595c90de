package io.omnigate.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigate.customers.CustomerContacts;
import java.util.ArrayList;
import java.util.List;

/**
 * What a webhook body may say about the customer of its order. The retailer's own back end gets the
 * customer id; a third party gets contact data (name, email, phone, and the contact fields of the
 * event itself) only while the customer's newest record of the class's {@code share.*} purpose grants
 * it, and never free text. Pure, so the rules are tested without a database.
 */
final class WebhookCustomerGate {

    /** Event fields that describe a person: they reach a third party only with consent. */
    static final List<String> CONTACT_KEYS = List.of("shippingAddress", "collectorName", "vehicle");

    /** Free text typed by staff or customers: never sent to a third party, whatever it says. */
    static final List<String> FREE_TEXT_KEYS = List.of("reason", "note", "comment");

    /**
     * The order's customer as the gate reads it: the contact data opened (null when none or erased)
     * and the newest record of the recipient class's sharing purpose (null id when there is none).
     */
    record OrderCustomer(String customerId, CustomerContacts.Contact contact, Long consentRecordId, boolean granted) {

        boolean mayShare() {
            return granted && consentRecordId != null;
        }
    }

    private WebhookCustomerGate() {}

    /**
     * Edits {@code data} for {@code recipient}; {@code customer} is null for an order without one.
     * Answers the customer's data fields disclosed to a third party (empty when none).
     */
    static List<String> apply(RecipientClass recipient, OrderCustomer customer, ObjectNode data) {
        if (!recipient.isThirdParty()) {
            if (customer != null) {
                data.put("customerId", customer.customerId());
            }
            return List.of();
        }
        data.remove(FREE_TEXT_KEYS);
        data.remove("customerId");
        if (customer == null || !customer.mayShare()) {
            data.remove(CONTACT_KEYS);
            if (customer != null) {
                data.set("customer", withheld(data, recipient));
            }
            return List.of();
        }
        List<String> disclosed = new ArrayList<>();
        ObjectNode shared = data.objectNode().put("shared", true);
        CustomerContacts.Contact contact = customer.contact();
        if (contact != null) {
            putPresent(shared, "name", contact.name(), disclosed);
            putPresent(shared, "email", contact.email(), disclosed);
            putPresent(shared, "phone", contact.phone(), disclosed);
            putPresent(shared, "locale", contact.locale(), disclosed);
        }
        data.set("customer", shared);
        CONTACT_KEYS.stream().filter(data::has).forEach(disclosed::add);
        return disclosed;
    }

    /** The same body with the customer's data taken out again, as a withdrawal before sending requires. */
    static void withdraw(RecipientClass recipient, ObjectNode data) {
        data.remove(CONTACT_KEYS);
        data.set("customer", withheld(data, recipient));
    }

    private static ObjectNode withheld(ObjectNode data, RecipientClass recipient) {
        return data.objectNode()
                .put("shared", false)
                .put("withheldFor", recipient.sharingPurpose().code());
    }

    private static void putPresent(ObjectNode node, String field, String value, List<String> disclosed) {
        if (value != null) {
            node.put(field, value);
            disclosed.add(field);
        }
    }
}
