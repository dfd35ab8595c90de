package io.omnigate.orders;

import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** "I'm here" over HTTP: the customer tells the store they have arrived. */
@Path("/v1/orders/{id}/arrival")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class ArrivalResource {

    private final OrderArrivals arrivals;
    private final CallerScope caller;

    ArrivalResource(OrderArrivals arrivals, CallerScope caller) {
        this.arrivals = arrivals;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.ORDER, Roles.ADMIN})
    @Operation(
            summary = "The customer is at the store (curbside or counter): an order.arrived event on the store's"
                    + " stream; the hand-over later records the curb wait",
            description = "Body optional: {bay?, vehicle?, note?}. 409 arrival-not-applicable for locker and"
                    + " shipped orders and for orders with nothing left to hand over.")
    public Uni<RestResponse<OrderArrivals.ArrivalView>> arrive(
            @RestPath String id, @Valid OrderArrivals.ArrivalRequest request) {
        caller.requireOrder(id);
        return arrivals.arrive(id, request).map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
    }
}
