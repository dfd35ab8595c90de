package io.omnigate.orders;

import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The store workflow's transition endpoint, for now only {@code REJECTED} (wholly, or the
 * short-picked {@code lines}); the full state machine arrives with the fulfillment feature.
 */
@Path("/v1/fulfillments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fulfillment")
public class FulfillmentTransitionResource {

    public record TransitionRequest(
            @NotBlank String to,
            @Size(max = 512) String reason,
            @Size(max = 100) List<OrderApi.@NotNull @Valid RejectLine> lines) {}

    private final FulfillmentService service;
    private final CallerScope caller;

    FulfillmentTransitionResource(FulfillmentService service, CallerScope caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(summary = "Move a fulfillment on; REJECTED re-routes the missing lines to the next best location")
    public Uni<OrderApi.RejectResult> transition(@RestPath String id, @Valid @NotNull TransitionRequest request) {
        if (!"REJECTED".equals(request.to())) {
            throw ProblemException.unprocessable(
                    "unsupported-transition",
                    "Transition not supported yet",
                    "Only REJECTED is accepted until the store workflow is built.");
        }
        boolean admin = caller.isAdmin();
        Optional<String> scope = caller.locationId();
        return service.reject(
                id,
                request.lines(),
                request.reason() == null ? "rejected by store" : request.reason(),
                location -> admin || scope.map(location::equals).orElse(false));
    }
}
