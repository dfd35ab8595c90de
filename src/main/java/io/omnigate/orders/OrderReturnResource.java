package io.omnigate.orders;

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
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST /v1/orders/{id}/returns}: a customer announces a return; a store device records one in store. */
@Path("/v1/orders/{id}/returns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "returns")
public class OrderReturnResource {

    private final OrderReturns returns;
    private final CallerScope caller;

    OrderReturnResource(OrderReturns returns, CallerScope caller) {
        this.returns = returns;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.ORDER, Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "Return handed-over items in store, by mail or at a locker",
            description = "The order's token or an admin records a REQUESTED return: no stock moves until the"
                    + " receiving location records the receipt (POST /v1/returns/{id}/receipt). A store device"
                    + " records an in-store return at its own location, received at once: the lines declared"
                    + " restockable go back on its shelf.")
    public Uni<RestResponse<ReturnsApi.ReturnView>> request(
            @RestPath String id, @Valid @NotNull OrderApi.ReturnRequest request) {
        OrderReturns.Caller who;
        if (Roles.STORE_DEVICE.equals(caller.role())) {
            who = new OrderReturns.Caller(false, caller.locationId().orElseThrow());
        } else {
            caller.requireOrder(id);
            who = new OrderReturns.Caller(caller.isAdmin(), null);
        }
        return returns.request(id, request, who).map(r -> RestResponse.status(RestResponse.Status.CREATED, r));
    }
}
