package io.omnigate.orders;

import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Checkout sessions set stock aside for a while; an order may consume its hold. */
@Path("/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class HoldResource {

    private final HoldService service;
    private final CallerScope caller;
    private final SecurityIdentity identity;

    HoldResource(HoldService service, CallerScope caller, SecurityIdentity identity) {
        this.service = service;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(
            summary = "Reserve a cart's stock for the caller until ttlSeconds pass; with an Idempotency-Key a"
                    + " retry gets the first answer (201 or 409) again")
    public Uni<RestResponse<OrderApi.HoldView>> create(
            @RestHeader("Idempotency-Key") String idempotencyKey, @Valid @NotNull OrderApi.HoldRequest request) {
        return service.create(OrderResource.placer(caller, identity), OrderResource.checkedKey(idempotencyKey), request)
                .map(created -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, created.hold())
                        .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                        .build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(summary = "Release a hold before it expires; only the caller that made it, or an admin")
    public Uni<RestResponse<Void>> release(@RestPath String id) {
        return service.releaseHold(id, OrderResource.placer(caller, identity)).map(done -> RestResponse.noContent());
    }
}
