package io.omnigate.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of {@code /v1/webhooks}. */
public final class WebhookApi {

    private WebhookApi() {}

    /** A new subscription; {@code secret} is generated when absent. */
    public record CreateWebhook(
            @Schema(
                    description = "Absolute http(s) URL the events are POSTed to",
                    example = "https://erp.example/hooks")
            String url,

            @Schema(
                    description = "Event types: exact (order.status), a family (fulfillment.*) or *;"
                            + " only order.*, fulfillment.*, pickup.*, consent.* and customer.* events are ever sent",
                    example = "[\"order.status\", \"fulfillment.*\"]")
            List<String> eventTypes,

            @Schema(description = "Standard Webhooks secret, whsec_ + base64 of 24 to 64 bytes; generated if absent")
            String secret,

            @Schema(
                    enumeration = {"retailer", "carrier", "locker-operator", "marketplace"},
                    description = "Who the subscriber is (default retailer): a carrier, locker-operator or"
                            + " marketplace gets the customer's contact data only while the customer grants the"
                            + " matching share.* purpose, and only events of orders")
            RecipientClass recipientClass) {}

    /** A subscription as listed; the secret is shown only once, when it is created. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Webhook(
            String id,
            String url,
            List<String> eventTypes,
            RecipientClass recipientClass,
            OffsetDateTime createdAt,

            @Schema(description = "The last outbox seq turned into deliveries")
            long cursor,

            long pending,
            long parked,

            @Schema(description = "Only in the answer to POST: keep it, it is never shown again")
            String secret) {

        Webhook withSecret(String secret) {
            return new Webhook(id, url, eventTypes, recipientClass, createdAt, cursor, pending, parked, secret);
        }
    }

    /** One event for one subscription and what happened to it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(
            long id,

            @Schema(description = "The webhook-id header: stable across retries, for de-duplication")
            String webhookId,

            long seq,
            String type,

            @Schema(enumeration = {"PENDING", "DELIVERED", "PARKED"})
            String state,

            int attempts,
            OffsetDateTime nextAttemptAt,
            Integer lastStatus,
            String lastError,

            @Schema(description = "The start of the target's last answer")
            String lastResponse,

            OffsetDateTime updatedAt) {}

    /** A page of the delivery log, newest first; pass {@code before} back for the next page. */
    public record DeliveryLog(List<Delivery> deliveries, Long before) {}

    /** How many deliveries a redelivery request queued again. */
    public record Requeued(long requeued) {}
}
