package io.omnigate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigate.customers.CustomerContacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of what a webhook body says about the customer, per recipient class and consent. */
class WebhookCustomerGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CustomerContacts.Contact CONTACT =
            new CustomerContacts.Contact("m@example.com", "+39 333 1", "Maria Rossi", "it-IT");

    private static ObjectNode event() {
        ObjectNode data = JSON.createObjectNode().put("orderId", "O-1").put("reason", "rang twice, Maria");
        data.set("shippingAddress", JSON.createObjectNode().put("name", "Maria Rossi"));
        return data.put("vehicle", "red Panda");
    }

    @Test
    void theRetailerGetsTheCustomerIdAndNothingElseChanges() {
        ObjectNode data = event();
        List<String> disclosed = WebhookCustomerGate.apply(
                RecipientClass.RETAILER, new WebhookCustomerGate.OrderCustomer("C-1", CONTACT, 7L, true), data);
        assertEquals(List.of(), disclosed);
        assertEquals("C-1", data.path("customerId").asText());
        assertFalse(data.has("customer"));
        assertTrue(data.has("reason") && data.has("shippingAddress"), "the retailer's own data stays");
    }

    @Test
    void aThirdPartyWithoutConsentGetsNoContactNoFreeTextAndNoCustomerId() {
        for (WebhookCustomerGate.OrderCustomer customer : new WebhookCustomerGate.OrderCustomer[] {
            new WebhookCustomerGate.OrderCustomer("C-1", null, null, false),
            new WebhookCustomerGate.OrderCustomer("C-1", CONTACT, 9L, false)
        }) {
            ObjectNode data = event();
            assertEquals(List.of(), WebhookCustomerGate.apply(RecipientClass.MARKETPLACE, customer, data));
            assertEquals(
                    "{\"orderId\":\"O-1\",\"customer\":{\"shared\":false,\"withheldFor\":\"share.marketplace\"}}",
                    data.toString());
        }
        ObjectNode anonymous = event();
        WebhookCustomerGate.apply(RecipientClass.CARRIER, null, anonymous);
        assertEquals("{\"orderId\":\"O-1\"}", anonymous.toString(), "an order without a customer: contact out too");
    }

    @Test
    void aThirdPartyWithConsentGetsTheContactAndTheRegisterLearnsWhichFields() {
        ObjectNode data = event();
        List<String> disclosed = WebhookCustomerGate.apply(
                RecipientClass.CARRIER, new WebhookCustomerGate.OrderCustomer("C-1", CONTACT, 7L, true), data);
        assertEquals(List.of("name", "email", "phone", "locale", "shippingAddress", "vehicle"), disclosed);
        assertEquals("m@example.com", data.path("customer").path("email").asText());
        assertFalse(data.has("reason"), "free text never leaves to a third party");
        assertFalse(data.has("customerId"));

        WebhookCustomerGate.withdraw(RecipientClass.CARRIER, data);
        assertEquals(
                "{\"orderId\":\"O-1\",\"customer\":{\"shared\":false,\"withheldFor\":\"share.carrier\"}}",
                data.toString());
    }
}
