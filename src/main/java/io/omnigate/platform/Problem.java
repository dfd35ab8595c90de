package io.omnigate.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnigate.platform.tracing.TraceIds;
import java.util.List;

/**
 * An RFC 9457 problem document; {@code errors} lists each offending field of a bad request and
 * {@code traceId} names the trace of the request that got it, so a support ticket leads to the trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://omnigate.io/problems/";

    /** A problem for the request being handled: its trace id is taken from the current span. */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, TraceIds.current());
    }

    public record FieldError(String field, String message) {}

    public static String typeUri(String type) {
        return TYPE_BASE + type;
    }
}
