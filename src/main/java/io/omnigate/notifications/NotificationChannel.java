package io.omnigate.notifications;

import io.omnigate.customers.CustomerContacts;
import io.omnigate.customers.Purpose;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a customer, each opened only by its own {@code notify.*} purpose. */
public enum NotificationChannel {
    EMAIL(Purpose.NOTIFY_EMAIL),
    SMS(Purpose.NOTIFY_SMS),
    PUSH(Purpose.NOTIFY_PUSH);

    private final Purpose purpose;

    NotificationChannel(Purpose purpose) {
        this.purpose = purpose;
    }

    /** The lower-case name in the database and on the wire. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The consent that must be granted, when the message leaves, for this channel to be used. */
    public Purpose purpose() {
        return purpose;
    }

    /**
     * Where the provider delivers: the email address, the phone number, or for push the retailer's
     * customer id (the push provider knows the customer's devices); empty when the customer gave none.
     */
    Optional<String> address(CustomerContacts.Contact contact, String customerId) {
        return Optional.ofNullable(
                switch (this) {
                    case EMAIL -> contact.email();
                    case SMS -> contact.phone();
                    case PUSH -> customerId;
                });
    }

    /** The name of the field {@link #address} reads, for the register. */
    String addressField() {
        return switch (this) {
            case EMAIL -> "email";
            case SMS -> "phone";
            case PUSH -> "customerId";
        };
    }

    static Optional<NotificationChannel> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
