package io.omnigate.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigate.events.OutboxEvent;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The body of a delivery, fixed when the event is queued so every retry sends the same bytes:
 * {@code {"type", "timestamp", "data"}} as Standard Webhooks suggests, {@code data} holding the
 * fields of DESIGN.md §4 and the event's own payload. Sealed fields (the pickup code) are dropped:
 * only the customer's own stream may open them.
 */
final class WebhookPayload {

    private WebhookPayload() {}

    /** The body of {@code event}, after {@code gate} edited its {@code data} for the recipient. */
    static String body(ObjectMapper json, Row event, Consumer<ObjectNode> gate) {
        OffsetDateTime at = event.getOffsetDateTime("created_at");
        ObjectNode data = json.createObjectNode();
        data.put("seq", event.getLong("seq"));
        data.put("orderId", event.getString("order_id"));
        data.put("fulfillmentId", event.getString("fulfillment_id"));
        data.put("locationId", event.getString("location_id"));
        data.put("status", event.getString("status"));
        data.put("previousStatus", event.getString("previous_status"));
        data.put("at", at == null ? null : at.toInstant().toString());
        try {
            JsonNode extra = json.readTree(event.getString("payload"));
            if (extra instanceof ObjectNode fields) {
                Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().endsWith(OutboxEvent.SEALED_SUFFIX) && !data.has(field.getKey())) {
                        data.set(field.getKey(), field.getValue());
                    }
                }
            }
            gate.accept(data);
            ObjectNode body = json.createObjectNode();
            body.put("type", event.getString("type"));
            body.put("timestamp", at == null ? null : at.toInstant().toString());
            body.set("data", data);
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.getLong("seq") + " has an unreadable payload", e);
        }
    }

    /** A queued body with its {@code data} edited by {@code edit}. */
    static String edit(ObjectMapper json, String body, Consumer<ObjectNode> edit) {
        try {
            ObjectNode parsed = (ObjectNode) json.readTree(body);
            edit.accept((ObjectNode) parsed.get("data"));
            return json.writeValueAsString(parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A queued webhook body is unreadable", e);
        }
    }
}
