package io.omnigate.routing;

import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators read and change how orders are sourced, effective for the next request. */
@Path("/v1/routing/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "routing")
public class RoutingPolicyResource {

    private final RoutingPolicyService service;

    RoutingPolicyResource(RoutingPolicyService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The routing policy in force, with its version")
    public RoutingPolicyService.Versioned get() {
        return service.current();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Store a new policy version; every instance uses it for the next request")
    public Uni<RoutingPolicyService.Versioned> put(@Valid @NotNull RoutingPolicy policy, SecurityContext security) {
        String who = security.getUserPrincipal() == null
                ? null
                : security.getUserPrincipal().getName();
        return service.update(policy, who);
    }
}
