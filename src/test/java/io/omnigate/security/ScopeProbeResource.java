package io.omnigate.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that exercise {@link CallerScope} the way feature resources will. */
@Path("/test-scope")
@Produces(MediaType.APPLICATION_JSON)
public class ScopeProbeResource {

    public record Scope(String role, String locationId, String orderId, boolean admin) {}

    private final CallerScope caller;

    ScopeProbeResource(CallerScope caller) {
        this.caller = caller;
    }

    @GET
    @Path("/locations/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT})
    public Scope location(@PathParam("id") String id) {
        caller.requireLocation(id);
        return scope();
    }

    @GET
    @Path("/orders/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ORDER})
    public Scope order(@PathParam("id") String id) {
        caller.requireOrder(id);
        return scope();
    }

    private Scope scope() {
        return new Scope(
                caller.role(),
                caller.locationId().orElse(null),
                caller.orderId().orElse(null),
                caller.isAdmin());
    }
}
