package io.omnigate.carriers;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The JSON contract for telling an external carrier about a shipment it will carry. */
@Path("/shipments")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CarrierShipmentApi {

    @POST
    Uni<Void> announce(ShipmentNotice notice);
}
