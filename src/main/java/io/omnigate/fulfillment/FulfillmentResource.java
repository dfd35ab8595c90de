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
    private final BulkTransitions bulk;
    private final CallerScope caller;

    FulfillmentResource(FulfillmentWorkflow workflow, BulkTransitions bulk, CallerScope caller) {
        this.workflow = workflow;
        this.bulk = bulk;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "Move a fulfillment on (DESIGN.md §2); REJECTED re-routes the missing lines, any other"
                    + " transition not in the state machine is a 409",
            description = "A store device acts on fulfillments it prepares or where a parcel waits for pickup. It"
                    + " hands a parcel over (PICKED_UP) only at the parcel's pickup location (else 403"
                    + " not-the-pickup-location), never out of a locker compartment (409 pickup-code-required:"
                    + " those leave only through POST /v1/locations/{id}/pickups/verify), and it cannot expire one"
                    + " (422 expiry-is-automatic; admins can). The answer for a store device is the moved"
                    + " fulfillment with the order's id and status only (no customer address or destination, no"
                    + " other location's fulfillments); an admin gets the whole order.")
    public Uni<FulfillmentApi.TransitionResult> transition(
            @RestPath String id, @Valid @NotNull FulfillmentApi.TransitionRequest request) {
        return workflow.transition(id, request, caller());
    }

    @POST
    @Path("/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "Up to 100 transitions, each in its own transaction, in order; one result per item with its"
                    + " status or problem",
            description = "Each item follows the rules of the single transition; a result names only the"
                    + " fulfillment, its new status and its order's id and status.")
    public Uni<FulfillmentApi.BulkResult> bulk(@Valid @NotNull FulfillmentApi.BulkRequest request) {
        return bulk.apply(request.transitions(), caller());
    }

    /** Decided now, while the request's security context is at hand. */
    private FulfillmentWorkflow.Caller caller() {
        boolean admin = caller.isAdmin();
        return new FulfillmentWorkflow.Caller(
                admin, admin ? null : caller.locationId().orElse(null));
    }
}
