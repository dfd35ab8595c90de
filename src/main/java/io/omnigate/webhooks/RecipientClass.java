package io.omnigate.webhooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.omnigate.customers.Purpose;
import java.util.Arrays;
import java.util.Optional;

/**
 * Who a webhook subscriber is, which decides what it may learn about a customer: the retailer's own
 * back end, or a third party whose {@code share.*} purpose must be granted before contact data reaches it.
 */
public enum RecipientClass {
    RETAILER("retailer", null),
    CARRIER("carrier", Purpose.SHARE_CARRIER),
    LOCKER_OPERATOR("locker-operator", Purpose.SHARE_LOCKER_OPERATOR),
    MARKETPLACE("marketplace", Purpose.SHARE_MARKETPLACE);

    private final String code;
    private final Purpose sharing;

    RecipientClass(String code, Purpose sharing) {
        this.code = code;
        this.sharing = sharing;
    }

    /** The name on the wire and in the database. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Whether the subscriber is outside the retailer, so customer data reaches it only with consent. */
    public boolean isThirdParty() {
        return sharing != null;
    }

    /** The purpose that lets contact data reach this class; null for the retailer. */
    public Purpose sharingPurpose() {
        return sharing;
    }

    public static Optional<RecipientClass> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @JsonCreator
    static RecipientClass fromJson(String code) {
        return ofCode(code).orElseThrow(() -> new IllegalArgumentException("unknown recipient class " + code));
    }
}
