package io.omnigate.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become RFC 9457 problem+json; nothing internal leaves the process. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final long outageRetryAfterSeconds;

    ProblemMappers(OmnigateConfig config) {
        this.outageRetryAfterSeconds = config.http().outageRetryAfter().toSeconds();
    }

    /**
     * The problem a caller gets for {@code failure} when it is one of the expected kinds (its own
     * input, a database outage), for code that answers problems itself (bulk results, streams).
     */
    public static Optional<ProblemException> expected(Throwable failure, long outageRetryAfterSeconds) {
        if (failure instanceof ProblemException known) {
            return Optional.of(known);
        }
        if (DatabaseOutage.causedBy(failure)) {
            return Optional.of(DatabaseOutage.unavailable(outageRetryAfterSeconds));
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            // Constraint violations that slipped past validation are the caller's input, not our failure.
            if (state.startsWith("23")) {
                return Optional.of(ProblemException.unprocessable(
                        "constraint",
                        "Request conflicts with stored data",
                        "The request refers to something that does not exist or breaks a rule of the data."));
            }
            // Class 22 is "data exception": a value the caller sent (a NUL byte, a number out of range).
            if (state.startsWith("22")) {
                return Optional.of(
                        ProblemException.invalid("A value is out of range or has the wrong format.", List.of()));
            }
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.toProblem(path(uri)));
        if (e.retryAfterSeconds() >= 0) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return respond(ProblemException.invalid(detail, errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : null;
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            message = "must be one of "
                    + Arrays.stream(format.getTargetType().getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .toList();
        } else if (e instanceof InvalidFormatException) {
            message = "has the wrong type or format";
        } else {
            message = "has the wrong type";
        }
        ProblemException problem = field == null || field.isEmpty()
                ? new ProblemException(400, "malformed-body", "Malformed body", "The request body is not valid JSON.")
                : ProblemException.invalid(field, message);
        return respond(problem.toProblem(path(uri)));
    }

    /** Quarkus' own mapper for this subtype would otherwise win over {@link #badJson} with plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemException.forbidden().toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null
                ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "No acceptable representation; this API speaks JSON.";
            case 413 -> "The request body is too large.";
            case 415 -> "Unsupported content type.";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        String type = status == 404 ? "not-found" : "http-" + status;
        return respond(new Problem(Problem.typeUri(type), title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<ProblemException> expected = expected(e, outageRetryAfterSeconds);
        if (expected.isPresent()) {
            return problem(expected.get(), uri);
        }
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(new Problem(
                Problem.typeUri("internal"),
                "Internal error",
                500,
                "The gateway failed to handle this request; it has been logged.",
                path(uri),
                null));
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemException.unauthorized().toProblem(path(uri)))
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Drop the method and parameter nodes: callers know fields by their JSON names.
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(n -> n.getKind() == ElementKind.PROPERTY
                        || n.getKind() == ElementKind.CONTAINER_ELEMENT
                        || n.getKind() == ElementKind.PARAMETER)
                .toList();
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.PARAMETER && nodes.size() > 1) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) field.append('.');
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
