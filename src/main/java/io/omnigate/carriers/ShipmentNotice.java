package io.omnigate.carriers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What an HTTP carrier is told about a parcel it will carry ({@code POST <url>/shipments}): where
 * it goes, and how to reach the recipient only when the customer agreed to share that with carriers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentNotice(
        String orderId, Map<String, Object> destination, Map<String, Object> shippingAddress, Recipient recipient) {

    /** The recipient's contact details; each field is absent unless sharing it is allowed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String email, String phone, String locale) {}
}
