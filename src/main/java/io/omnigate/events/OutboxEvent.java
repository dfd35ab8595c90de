package io.omnigate.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One numbered event of the outbox, as a stream sends it: {@code id:} is its seq, {@code event:}
 * its type, {@code data:} the JSON of DESIGN.md §4 with the payload's own fields beside them.
 *
 * <p>Payload fields whose name ends in {@value #SEALED_SUFFIX} hold an encrypted secret meant for
 * the order's customer only (the pickup code): order streams reveal them under the name without
 * the suffix, location streams drop them.
 */
public record OutboxEvent(
        long seq,
        String type,
        String orderId,
        String fulfillmentId,
        String locationId,
        String status,
        String previousStatus,
        String payload,
        OffsetDateTime at) {

    public static final String SEALED_SUFFIX = "Sealed";

    /**
     * Types starting with this are written by database triggers for the in-process replicas
     * (docs/atp-replica.md): they never reach a stream, an order's history or a webhook.
     */
    public static final String INTERNAL_PREFIX = "internal.";

    /** Whether events of {@code type} are internal: for replicas only, never shown to a client. */
    public static boolean isInternalType(String type) {
        return type != null && type.startsWith(INTERNAL_PREFIX);
    }

    static OutboxEvent of(Row row) {
        return new OutboxEvent(
                row.getLong("seq"),
                row.getString("type"),
                row.getString("order_id"),
                row.getString("fulfillment_id"),
                row.getString("location_id"),
                row.getString("status"),
                row.getString("previous_status"),
                row.getString("payload"),
                row.getOffsetDateTime("at"));
    }

    /** Whether this event is internal (see {@link #isInternalType}). */
    public boolean isInternal() {
        return isInternalType(type);
    }

    /** Whether this is a pickup-point event ({@code pickup.ready}, {@code pickup.collected}...). */
    public boolean isPickupEvent() {
        return type.startsWith("pickup.");
    }

    /**
     * The SSE frame of this event. {@code reveal} opens sealed payload fields for the order's own
     * stream; null drops them.
     */
    byte[] frame(ObjectMapper json, Function<String, Optional<String>> reveal) {
        ObjectNode data = json.createObjectNode();
        data.put("seq", seq);
        data.put("type", type);
        data.put("orderId", orderId);
        data.put("fulfillmentId", fulfillmentId);
        data.put("locationId", locationId);
        data.put("status", status);
        data.put("previousStatus", previousStatus);
        data.put("at", at == null ? null : at.toInstant().toString());
        try {
            if (payload != null) {
                ObjectNode extra = (ObjectNode) json.readTree(payload);
                Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = extra.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = fields.next();
                    String name = field.getKey();
                    if (!name.endsWith(SEALED_SUFFIX)) {
                        if (!data.has(name)) {
                            data.set(name, field.getValue());
                        }
                    } else if (reveal != null && field.getValue().isTextual()) {
                        String plain = name.substring(0, name.length() - SEALED_SUFFIX.length());
                        reveal.apply(field.getValue().asText()).ifPresent(value -> data.put(plain, value));
                    }
                }
            }
            String text = "id:" + seq + "\nevent:" + type + "\ndata:" + json.writeValueAsString(data) + "\n\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("Event " + seq + " has an unreadable payload", e);
        }
    }
}
