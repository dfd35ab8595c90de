package io.omnigate.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a provider receives: where to deliver, which template to render and the order it is about.
 * {@code id} is stable across retries, so a provider de-duplicates on it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationMessage(
        String id,
        String channel,
        String to,
        String template,
        String orderId,
        String customerId,
        String name,
        String locale,
        String locationId) {}
