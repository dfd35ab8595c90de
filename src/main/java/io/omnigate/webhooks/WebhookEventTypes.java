package io.omnigate.webhooks;

import io.omnigate.events.OutboxEvent;
import java.util.List;

/**
 * Which outbox event types a subscriber may receive. Only the public families of DESIGN.md §4 are
 * ever delivered; internal types ({@link OutboxEvent#isInternalType}, the replica's notices) and
 * anything new outside a public family never leave the process, whatever a subscription asks for.
 */
public final class WebhookEventTypes {

    /** The public event families; a subscription names types in them, {@code family.*} or {@code *}. */
    static final List<String> PUBLIC_FAMILIES = List.of("order.", "fulfillment.", "pickup.", "consent.", "customer.");

    static final String ALL = "*";

    private WebhookEventTypes() {}

    /** Whether an event of this type may be sent outside the process at all. */
    public static boolean isPublic(String type) {
        return type != null
                && !OutboxEvent.isInternalType(type)
                && PUBLIC_FAMILIES.stream().anyMatch(type::startsWith);
    }

    /** Whether {@code pattern} is something a subscription may ask for. */
    static boolean isValidPattern(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.length() > 100) {
            return false;
        }
        if (ALL.equals(pattern)) {
            return true;
        }
        String stem = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return isPublic(stem) && !stem.contains("*");
    }

    /** Whether an event of {@code type} goes to a subscription asking for {@code patterns}. */
    static boolean wanted(List<String> patterns, String type) {
        if (!isPublic(type)) {
            return false;
        }
        for (String pattern : patterns) {
            if (ALL.equals(pattern)
                    || pattern.equals(type)
                    || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
