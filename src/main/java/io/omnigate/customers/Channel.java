package io.omnigate.customers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where an order or a consent decision came from. */
public enum Channel {
    WEB,
    APP,
    KIOSK,
    STORE,
    MARKETPLACE;

    /** The lower-case name on the wire and in the database. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel stored as {@code code}; null for null. */
    public static Channel ofCode(String code) {
        return code == null ? null : fromJson(code);
    }

    @JsonCreator
    static Channel fromJson(String code) {
        return Arrays.stream(values())
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + code));
    }
}
