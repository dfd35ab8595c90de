package io.omnigate.web;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderRepository;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** How many parcels wait at a pickup point, for the kiosk's home screen (its stream keeps it live). */
@Path("/v1/locations/{id}/pickups/waiting")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fulfillment")
public class PickupPointResource {

    public record Waiting(String locationId, long parcels) {}

    private static final String COUNT =
            "select count(*) as n from fulfillment where pickup_location_id = $1 and status = "
                    + FulfillmentStatus.READY_FOR_PICKUP.sql();

    private final OrderRepository orders;
    private final CallerScope caller;

    PickupPointResource(OrderRepository orders, CallerScope caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.PICKUP_POINT, Roles.STORE_DEVICE, Roles.ADMIN})
    @Operation(summary = "The number of parcels waiting for collection at this pickup point")
    public Uni<Waiting> waiting(@RestPath String id) {
        caller.requireLocation(id);
        return orders.pool()
                .preparedQuery(COUNT)
                .execute(Tuple.of(id))
                .map(rows -> new Waiting(id, rows.iterator().next().getLong("n")));
    }
}
