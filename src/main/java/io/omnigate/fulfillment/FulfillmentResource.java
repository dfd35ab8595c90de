package io.omnigate.fulfillment;

import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The store workflow's transitions, one at a time or in bulk. */
@Path("/v1/fulfillments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fulfillment")
public class FulfillmentResource {

    private final FulfillmentWorkflow workflow;
    private final CallerScope caller;

    FulfillmentResource(FulfillmentWorkflow workflow, CallerScope caller) {
        this.workflow = workflow;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "Move a fulfillment on (DESIGN.md §2); REJECTED re-routes the missing lines, any other"
                    + " transition not in the state machine is a 409")
    public Uni<FulfillmentApi.TransitionResult> transition(
            @RestPath String id, @Valid @NotNull FulfillmentApi.TransitionRequest request) {
        return workflow.transition(id, request, mayAct());
    }

    @POST
    @Path("/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "Up to 100 transitions, each in its own transaction, in order; one result per item with its"
                    + " status or problem")
    public Uni<FulfillmentApi.BulkResult> bulk(@Valid @NotNull FulfillmentApi.BulkRequest request) {
        return workflow.bulk(request.transitions(), mayAct());
    }

    /** Decided now, while the request's security context is at hand. */
    private Predicate<String> mayAct() {
        boolean admin = caller.isAdmin();
        Optional<String> scope = caller.locationId();
        return location -> admin || scope.map(location::equals).orElse(false);
    }
}
