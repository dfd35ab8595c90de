package io.omnigate.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document; {@code errors} lists each offending field of a bad request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://omnigate.io/problems/";

    public record FieldError(String field, String message) {}

    public static String typeUri(String type) {
        return TYPE_BASE + type;
    }
}
