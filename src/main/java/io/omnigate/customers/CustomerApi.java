package io.omnigate.customers;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The records customer data and consent exchange over HTTP. */
public final class CustomerApi {

    /** The retailer's customer ids: opaque, no free text, so an id is never contact data itself. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}";

    /** Surfaces and notice versions are labels, not free text. */
    static final String LABEL_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}";

    private CustomerApi() {}

    /** Who an order is for, as checkout sends it; contact fields are optional. */
    public record Customer(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = "is not a valid customer id")
            String customerId,

            @Email @Size(max = 254) String email,

            @Pattern(regexp = "\\+?[0-9 ()./-]{4,32}", message = "is not a phone number")
            String phone,

            @Size(max = 128) String name,

            @Pattern(regexp = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", message = "is not a locale")
            String locale) {

        /** The names of the contact fields present, e.g. {@code [email, phone]}. */
        public List<String> presentFields() {
            java.util.ArrayList<String> fields = new java.util.ArrayList<>();
            if (email != null) fields.add("email");
            if (phone != null) fields.add("phone");
            if (name != null) fields.add("name");
            if (locale != null) fields.add("locale");
            return fields;
        }
    }

    /**
     * The customer part of an order's answer: {@code reducedSharing} when a recipient class this
     * order involves gets no contact data for want of consent, named in {@code withheldFrom}. The
     * contact fields appear only in {@code GET /v1/orders/{id}}, for the order's token and admins.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderCustomer(
            String customerId,
            Channel channel,
            boolean reducedSharing,
            List<Purpose> withheldFrom,
            String name,
            String email,
            String phone,
            String locale) {

        /** The placement answer's customer part: what was recorded, without repeating the contact data. */
        public OrderCustomer(String customerId, Channel channel, boolean reducedSharing, List<Purpose> withheldFrom) {
            this(customerId, channel, reducedSharing, withheldFrom, null, null, null, null);
        }
    }

    /** Where a consent decision was taken: the channel and the surface (checkout, preference-centre, ...). */
    public record Source(
            @NotNull Channel channel,

            @NotBlank @Pattern(regexp = LABEL_PATTERN, message = "is not a label")
            String surface) {}

    /**
     * {@code PUT /v1/customers/{id}/consents}: purposes granted (true) or withdrawn (false), or
     * {@code withdrawAll} to withdraw every optional purpose at once.
     */
    public record ConsentChange(
            @Size(max = 20) Map<@NotNull Purpose, @NotNull Boolean> consents,
            Boolean withdrawAll,
            @NotNull @Valid Source source,

            @Pattern(regexp = LABEL_PATTERN, message = "is not a label")
            String noticeVersion) {}

    /** The current state of one purpose: the newest ledger record, or not granted when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentState(
            Purpose purpose,
            boolean granted,
            Long recordId,
            Channel channel,
            String surface,
            String noticeVersion,
            Instant at) {}

    public record Consents(String customerId, List<ConsentState> consents) {}

    /**
     * What {@code POST /v1/customers/{id}/erase} did: {@code orders} the customer's orders covered,
     * the other counts the rows this run changed (0 when nothing was left to erase).
     */
    public record Erasure(
            String customerId,
            Instant erasedAt,
            boolean alreadyErased,
            int orders,
            int contacts,
            int events,
            int historyEntries,
            int idempotencyRecords,
            int fulfillmentReasons,
            int webhookDeliveries,
            int arrivals) {}
}
