package io.omnigate.orders;

import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The store's curbside panel: who said they are here and was not served yet. */
@Path("/v1/locations/{id}/arrivals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class CurbsideResource {

    private final OrderArrivals arrivals;
    private final CallerScope caller;

    CurbsideResource(OrderArrivals arrivals, CallerScope caller) {
        this.arrivals = arrivals;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.STORE_DEVICE, Roles.ADMIN})
    @Operation(summary = "Customers who said they are here and were not served yet, longest waiting first")
    public Uni<List<OrderArrivals.WaitingCustomer>> waiting(@RestPath String id) {
        caller.requireLocation(id);
        return arrivals.waitingAt(id);
    }
}
