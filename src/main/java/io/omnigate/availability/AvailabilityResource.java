package io.omnigate.availability;

import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The checkout call: how, where and by when a cart can reach the customer. Its body is checked by
 * {@link AvailabilityRequest#plainlyValid()} first and by the Bean Validation annotations only when
 * that check fails, so a refused request gets the same problem+json as any other endpoint's.
 */
@Path("/v1/availability")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "availability")
public class AvailabilityResource {

    private final AvailabilityService service;
    private final Validator validator;

    AvailabilityResource(AvailabilityService service, Validator validator) {
        this.service = service;
        this.validator = validator;
    }

    @POST
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(summary = "Fulfillment options for a cart and destination, within the request's deadline")
    public Uni<AvailabilityResponse> availability(@RequestBody(required = true) AvailabilityRequest request) {
        if (request == null) {
            throw new ConstraintViolationException(validator.validateValue(Body.class, "request", null));
        }
        if (!request.plainlyValid()) {
            Set<ConstraintViolation<AvailabilityRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
        }
        return service.availability(request);
    }

    /** Names a missing body as the annotated parameter did: {@code request must not be null}. */
    record Body(@NotNull AvailabilityRequest request) {}
}
