package io.omnigate.events;

import java.util.Optional;

/**
 * Opens the sealed fields of an event payload (names ending in {@value OutboxEvent#SEALED_SUFFIX})
 * for the order's own stream. The feature that seals a secret provides the bean (today
 * {@code fulfillment/PickupCodes}, for the pickup code).
 */
public interface SealedPayloads {

    /** The plain value, or empty when {@code sealed} is not something this instance sealed. */
    Optional<String> open(String sealed);
}
