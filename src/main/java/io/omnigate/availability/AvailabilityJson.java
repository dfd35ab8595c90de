package io.omnigate.availability;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.omnigate.availability.AvailabilityResponse.LineAvailability;
import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Price;
import io.omnigate.availability.AvailabilityResponse.Shipment;
import io.omnigate.availability.AvailabilityResponse.ShipmentLine;
import io.omnigate.availability.AvailabilityResponse.Window;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the checkout answer field by field, in the records' order and with their null rules, so it
 * is the JSON Jackson would write by reflection, at a fraction of the cost on the hottest endpoint.
 * Instants and dates are ISO-8601 strings, as the application's mapper writes them.
 */
final class AvailabilityJson extends StdSerializer<AvailabilityResponse> {

    public AvailabilityJson() {
        super(AvailabilityResponse.class);
    }

    @Override
    public void serialize(AvailabilityResponse response, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        json.writeStartObject();
        string(json, "requestId", response.requestId());
        instant(json, "generatedAt", response.generatedAt());
        json.writeBooleanField("degraded", response.degraded());
        if (response.warnings() == null) {
            json.writeNullField("warnings");
        } else {
            json.writeArrayFieldStart("warnings");
            for (String warning : response.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
        }
        if (response.options() == null) {
            json.writeNullField("options");
        } else {
            json.writeArrayFieldStart("options");
            for (Option option : response.options()) {
                option(json, option);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** An option leaves out its null fields ({@code @JsonInclude(NON_NULL)} on the record). */
    private static void option(JsonGenerator json, Option o) throws IOException {
        json.writeStartObject();
        if (o.method() != null) {
            json.writeStringField("method", o.method().name());
        }
        optionalString(json, "locationId", o.locationId());
        if (o.distanceKm() != null) {
            json.writeNumberField("distanceKm", o.distanceKm());
        }
        json.writeBooleanField("complete", o.complete());
        if (o.lines() != null) {
            lines(json, o.lines());
        }
        optionalInstant(json, "readyAt", o.readyAt());
        if (o.pickupWindow() != null) {
            window(json, o.pickupWindow());
        }
        optionalString(json, "carrier", o.carrier());
        optionalString(json, "service", o.service());
        if (o.price() != null) {
            price(json, o.price());
        }
        optionalDate(json, "promisedBy", o.promisedBy());
        if (o.source() != null) {
            json.writeStringField("source", o.source().name());
        }
        optionalString(json, "fulfilledFromLocationId", o.fulfilledFromLocationId());
        if (o.shipments() != null) {
            json.writeArrayFieldStart("shipments");
            for (Shipment shipment : o.shipments()) {
                shipment(json, shipment);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void lines(JsonGenerator json, List<LineAvailability> lines) throws IOException {
        json.writeArrayFieldStart("lines");
        for (LineAvailability line : lines) {
            json.writeStartObject();
            string(json, "sku", line.sku());
            json.writeNumberField("requested", line.requested());
            json.writeNumberField("available", line.available());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void window(JsonGenerator json, Window window) throws IOException {
        json.writeObjectFieldStart("pickupWindow");
        instant(json, "from", window.from());
        instant(json, "to", window.to());
        json.writeEndObject();
    }

    private static void price(JsonGenerator json, Price price) throws IOException {
        json.writeObjectFieldStart("price");
        if (price.amount() == null) {
            json.writeNullField("amount");
        } else {
            json.writeNumberField("amount", price.amount());
        }
        string(json, "currency", price.currency());
        json.writeEndObject();
    }

    /** A shipment leaves out its null fields too; its lines always show sku and qty. */
    private static void shipment(JsonGenerator json, Shipment s) throws IOException {
        json.writeStartObject();
        optionalString(json, "locationId", s.locationId());
        if (s.lines() != null) {
            json.writeArrayFieldStart("lines");
            for (ShipmentLine line : s.lines()) {
                json.writeStartObject();
                string(json, "sku", line.sku());
                json.writeNumberField("qty", line.qty());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        optionalInstant(json, "readyAt", s.readyAt());
        optionalString(json, "carrier", s.carrier());
        optionalString(json, "service", s.service());
        if (s.price() != null) {
            price(json, s.price());
        }
        optionalDate(json, "promisedBy", s.promisedBy());
        json.writeEndObject();
    }

    private static void string(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator json, String name, Instant value) throws IOException {
        string(json, name, value == null ? null : value.toString());
    }

    private static void optionalString(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void optionalInstant(JsonGenerator json, String name, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toString());
        }
    }

    private static void optionalDate(JsonGenerator json, String name, LocalDate value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toString());
        }
    }
}
