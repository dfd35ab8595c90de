package io.omnigate.orders;

import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A return record: read it, and record its receipt at the receiving location. */
@Path("/v1/returns/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "returns")
public class ReturnResource {

    private final OrderReturns returns;
    private final CallerScope caller;

    ReturnResource(OrderReturns returns, CallerScope caller) {
        this.returns = returns;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT, Roles.ORDER})
    @Operation(summary = "One return: the order's token, the receiving location's devices, or an admin")
    public Uni<ReturnsApi.ReturnView> get(@RestPath String id) {
        boolean admin = caller.isAdmin();
        String location = caller.locationId().orElse(null);
        String order = caller.orderId().orElse(null);
        return returns.get(id).map(view -> {
            boolean allowed = admin
                    || (location != null
                            && (location.equals(view.locationId()) || location.equals(view.restockLocationId())))
                    || (order != null && order.equals(view.orderId()));
            if (!allowed) {
                throw ProblemException.forbidden();
            }
            return view;
        });
    }

    @POST
    @Path("/receipt")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record the receipt of a return, once, with the units that go back on the shelf",
            description = "By the receiving location's store device (for a locker, its parent store's) or an admin."
                    + " lines name the restocked units per SKU; SKUs left out are refused. The status becomes"
                    + " RESTOCKED (some units back on the shelf) or REFUSED; a second receipt is a 409"
                    + " return-already-received and changes nothing.")
    public Uni<ReturnsApi.ReturnView> receive(@RestPath String id, @Valid @NotNull ReturnsApi.ReceiptRequest receipt) {
        OrderReturns.Caller who = new OrderReturns.Caller(
                caller.isAdmin(), caller.isAdmin() ? null : caller.locationId().orElse(null));
        return returns.receive(id, receipt, who);
    }
}
