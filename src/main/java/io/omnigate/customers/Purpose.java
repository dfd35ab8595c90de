package io.omnigate.customers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a customer may agree to; every purpose is optional, so one click withdraws them all. */
public enum Purpose {
    MARKETING("marketing"),
    ANALYTICS("analytics"),
    PERSONALISATION("personalisation"),
    NOTIFY_EMAIL("notify.email"),
    NOTIFY_SMS("notify.sms"),
    NOTIFY_PUSH("notify.push"),
    SHARE_CARRIER("share.carrier"),
    SHARE_LOCKER_OPERATOR("share.locker-operator"),
    SHARE_MARKETPLACE("share.marketplace");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    /** The name on the wire and in the ledger, e.g. {@code share.carrier}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Whether this purpose lets contact data leave omnigate to a recipient class. */
    public boolean isSharing() {
        return code.startsWith("share.");
    }

    public static Optional<Purpose> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    @JsonCreator
    static Purpose fromJson(String code) {
        return ofCode(code).orElseThrow(() -> new IllegalArgumentException("unknown purpose " + code));
    }
}
