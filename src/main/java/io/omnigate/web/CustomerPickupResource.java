package io.omnigate.web;

import io.omnigate.fulfillment.FulfillmentConfig;
import io.omnigate.fulfillment.PickupCodes;
import io.omnigate.network.Location;
import io.omnigate.network.NetworkIndex;
import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderService;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the customer's tracking page needs beyond the order: where to collect (an order token may
 * not read the network) and the pickup code as a QR code.
 */
@Path("/v1/orders/{id}")
@Tag(name = "orders")
public class CustomerPickupResource {

    /** A place the customer collects from: the public face of a location. */
    public record PickupPoint(
            String id,
            String type,
            String name,
            Location.Address address,
            double lat,
            double lon,
            String timeZone,
            Map<java.time.DayOfWeek, List<Location.TimeRange>> openingHours,
            List<Location.HoursException> hoursExceptions) {}

    /** A parcel waiting for the customer, and until when it waits. */
    public record WaitingParcel(
            String fulfillmentId, String pickupLocationId, String compartment, Instant readyAt, Instant collectBy) {}

    public record PickupInfo(List<PickupPoint> points, List<WaitingParcel> parcels) {}

    private final OrderService orders;
    private final NetworkIndex network;
    private final FulfillmentConfig fulfillment;
    private final PickupCodes codes;
    private final CallerScope caller;

    CustomerPickupResource(
            OrderService orders,
            NetworkIndex network,
            FulfillmentConfig fulfillment,
            PickupCodes codes,
            CallerScope caller) {
        this.orders = orders;
        this.network = network;
        this.fulfillment = fulfillment;
        this.codes = codes;
        this.caller = caller;
    }

    @GET
    @Path("/pickup")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORDER, Roles.ADMIN})
    @Operation(
            summary = "Where the order is collected: name, address and hours of its pickup points, and until when"
                    + " each ready parcel waits")
    public Uni<PickupInfo> pickup(@RestPath String id) {
        caller.requireOrder(id);
        return orders.get(id).map(this::pickupInfo);
    }

    @GET
    @Path("/fulfillments/{fulfillmentId}/pickup-code.svg")
    @Produces("image/svg+xml")
    @RolesAllowed(Roles.ORDER)
    @Operation(summary = "The pickup code of a ready parcel as a QR code (SVG), for the order's own token")
    public Uni<RestResponse<String>> pickupQr(@RestPath String id, @RestPath String fulfillmentId) {
        caller.requireOrder(id);
        return orders.getWithPickupCodes(id, PickupCodes.SEALED_FIELD, codes::unseal)
                .map(view -> view.fulfillments().stream()
                        .filter(f -> f.id().equals(fulfillmentId) && f.pickupCode() != null)
                        .findFirst()
                        .map(f -> RestResponse.ResponseBuilder.ok(PickupQrCodes.svg(f.pickupCode()))
                                .header("Cache-Control", "no-store")
                                .build())
                        .orElseThrow(() -> ProblemException.notFound("Ready parcel", fulfillmentId)));
    }

    private PickupInfo pickupInfo(OrderApi.OrderView order) {
        Set<String> ids = new LinkedHashSet<>();
        List<WaitingParcel> parcels = new ArrayList<>();
        boolean pickup = order.method() != null && order.method().isPickup();
        for (OrderApi.FulfillmentView f : order.fulfillments()) {
            FulfillmentStatus status = FulfillmentStatus.of(f.status());
            if (status == FulfillmentStatus.READY_FOR_PICKUP && f.pickupLocationId() != null) {
                ids.add(f.pickupLocationId());
                Instant collectBy = f.readyAt() == null ? null : f.readyAt().plus(fulfillment.pickupExpiry());
                parcels.add(new WaitingParcel(f.id(), f.pickupLocationId(), f.compartment(), f.readyAt(), collectBy));
            } else if (pickup && order.method() != OrderApi.Method.LOCKER && status.isBeingPrepared()) {
                ids.add(f.locationId());
            }
        }
        if (pickup && order.pickupLocationId() != null && ids.isEmpty()) {
            ids.add(order.pickupLocationId());
        }
        List<PickupPoint> points = new ArrayList<>();
        for (String locationId : ids) {
            network.get(locationId)
                    .ifPresent(l -> points.add(new PickupPoint(
                            l.id(),
                            l.type().name(),
                            l.name(),
                            l.address(),
                            l.lat(),
                            l.lon(),
                            l.timeZone(),
                            l.openingHours(),
                            l.hoursExceptions())));
        }
        return new PickupInfo(points, parcels);
    }
}
