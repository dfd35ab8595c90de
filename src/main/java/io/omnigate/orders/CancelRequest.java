package io.omnigate.orders;

import jakarta.validation.constraints.Size;

/** Why an order is cancelled; the body of {@code POST /v1/orders/{id}/cancel} is optional (CUSTOMER_REQUEST). */
public record CancelRequest(
        ReasonCode reasonCode, @Size(max = 512) String reason) {}
