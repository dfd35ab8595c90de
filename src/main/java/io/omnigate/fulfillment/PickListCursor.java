package io.omnigate.fulfillment;

import io.omnigate.platform.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/** Where a pick-list page ended: the last item's creation time and id, opaque to clients. */
record PickListCursor(Instant createdAt, String id) {

    /**
     * Creation times a cursor may carry. Wider than any fulfillment, narrow enough that every one
     * converts to an {@code OffsetDateTime} and fits PostgreSQL's {@code timestamptz}.
     */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; 400 naming {@code cursor} when it is not one we issued. */
    static PickListCursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0 || bar == raw.length() - 1) {
                throw notACursor();
            }
            Instant createdAt = Instant.parse(raw.substring(0, bar));
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw notACursor();
            }
            return new PickListCursor(createdAt, raw.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw notACursor();
        }
    }

    private static ProblemException notACursor() {
        return ProblemException.invalid("cursor", "is not a cursor this API returned");
    }
}
