package io.omnigate.platform;

import java.util.List;

/**
 * A failure the caller can act on. Carries an RFC 9457 problem {@code type} that stays stable
 * across releases, so clients branch on it rather than on the wording.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private long retryAfterSeconds = -1;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", what + " not found", what + " '" + id + "' does not exist.");
    }

    /** 401: the request carries no valid token (send {@code WWW-Authenticate: Bearer} with it). */
    public static ProblemException unauthorized() {
        return new ProblemException(401, "unauthorized", "Unauthorized", "A valid bearer token is required.");
    }

    /** 403: the token is valid but does not reach this resource. */
    public static ProblemException forbidden() {
        return new ProblemException(
                403, "forbidden", "Forbidden", "This token does not allow this operation on this resource.");
    }

    /** Too many attempts: the caller may try again after {@code retryAfterSeconds} (sent as Retry-After). */
    public static ProblemException tooManyAttempts(String type, String detail, long retryAfterSeconds) {
        return new ProblemException(429, type, "Too many attempts", detail).retryAfter(retryAfterSeconds);
    }

    /** 503: a dependency is away; the caller may try again after {@code retryAfterSeconds}. */
    public static ProblemException unavailable(String type, String detail, long retryAfterSeconds) {
        return new ProblemException(503, type, "Service unavailable", detail).retryAfter(retryAfterSeconds);
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "validation", "Invalid request", detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(409, type, title, detail);
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(422, type, title, detail);
    }

    public Problem toProblem(String instance) {
        return new Problem(
                Problem.typeUri(type), title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }
}
