package io.omnigate.orders;

import java.util.Map;

/** A reason code with its optional free text, as events record it ({@code reasonCode}, {@code reason}). */
public record Reason(ReasonCode code, String text) {

    /** The code given, or {@code fallbackCode}; the text given, or {@code fallbackText}. */
    public static Reason of(ReasonCode code, String text, ReasonCode fallbackCode, String fallbackText) {
        return new Reason(
                code == null ? fallbackCode : code, text == null || text.isBlank() ? fallbackText : text.strip());
    }

    /** Adds {@code reasonCode} and {@code reason} to an event payload. */
    public Map<String, Object> addTo(Map<String, Object> payload) {
        payload.put("reasonCode", code.name());
        payload.put("reason", text);
        return payload;
    }
}
