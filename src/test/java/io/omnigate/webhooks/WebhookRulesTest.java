package io.omnigate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceVector() {
        // The example of the Standard Webhooks libraries' own tests.
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330L,
                        "{\"test\": 2432232314}"));
    }

    @Test
    void generatedSecretsAreValidAndOthersAreChecked() {
        assertTrue(WebhookSignature.isValidSecret(WebhookSignature.newSecret()));
        assertFalse(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertFalse(WebhookSignature.isValidSecret("whsec_short"));
        assertFalse(WebhookSignature.isValidSecret("whsec_not base64 at all!!!!!!!!!!!!!!"));
    }

    @Test
    void internalTypesAreNeverWantedWhateverTheSubscriptionSays() {
        assertTrue(WebhookEventTypes.wanted(List.of("*"), "order.status"));
        assertTrue(WebhookEventTypes.wanted(List.of("fulfillment.*"), "fulfillment.assigned"));
        assertFalse(WebhookEventTypes.wanted(List.of("fulfillment.*"), "order.status"));
        assertFalse(WebhookEventTypes.wanted(List.of("*"), "stock.changed"));
        assertFalse(WebhookEventTypes.wanted(List.of("stock.changed"), "stock.changed"));
        assertFalse(WebhookEventTypes.wanted(List.of("*"), "internal.stock"));
        assertTrue(WebhookEventTypes.isValidPattern("pickup.*"));
        assertTrue(WebhookEventTypes.wanted(List.of("consent.*"), "consent.changed"));
        assertTrue(WebhookEventTypes.wanted(List.of("*"), "customer.erased"));
        assertFalse(WebhookEventTypes.isValidPattern("stock.*"));
        assertFalse(WebhookEventTypes.isValidPattern("order.*.x*"));
        assertFalse(WebhookEventTypes.isValidPattern(""));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5), Duration.ofMinutes(1));
        assertEquals(Duration.ofMillis(2500), schedule.after(1, () -> 0.0));
        assertEquals(Duration.ofMillis(5000), schedule.after(1, () -> 1.0));
        assertEquals(Duration.ofMillis(10_000), schedule.after(3, () -> 0.0));
        assertEquals(Duration.ofMillis(30_000), schedule.after(10, () -> 0.0));
        assertEquals(Duration.ofMillis(60_000), schedule.after(1000, () -> 1.0));
    }
}
