package io.omnigate.orders;

import io.omnigate.customers.OrderCustomerView;
import io.omnigate.events.SealedPayloads;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Orders over HTTP: placement for checkout, reading and changes for the order's own token. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    static final int MAX_KEY_LENGTH = 255;

    private final OrderService service;
    private final OrderPlacement placement;
    private final OrderCancellation cancellation;
    private final OrderChange changes;
    private final CallerScope caller;
    private final SecurityIdentity identity;
    private final SealedPayloads sealed;
    private final OrderCustomerView customers;

    OrderResource(
            OrderService service,
            OrderPlacement placement,
            OrderCancellation cancellation,
            OrderChange changes,
            CallerScope caller,
            SecurityIdentity identity,
            SealedPayloads sealed,
            OrderCustomerView customers) {
        this.service = service;
        this.placement = placement;
        this.cancellation = cancellation;
        this.changes = changes;
        this.caller = caller;
        this.identity = identity;
        this.sealed = sealed;
        this.customers = customers;
    }

    @POST
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(
            summary = "Place an order once per caller and Idempotency-Key, reserving all its lines or none;"
                    + " a retry gets the first answer (201 or 409) again")
    public Uni<RestResponse<OrderApi.OrderView>> place(
            @RestHeader("Idempotency-Key") String idempotencyKey, @Valid @NotNull OrderApi.PlaceOrderRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.invalid("Idempotency-Key", "header is required");
        }
        return placement
                .place(placer(caller, identity), checkedKey(idempotencyKey), request)
                .map(placement -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, placement.order())
                        .header("Idempotent-Replayed", String.valueOf(placement.replayed()))
                        .header("Location", "/v1/orders/" + placement.order().id())
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ORDER, Roles.ADMIN})
    @Operation(
            summary = "An order with all its fulfillments, including rejected and cancelled ones, and its customer"
                    + " with the contact data; for the order's own token, parcels ready for pickup carry their"
                    + " pickupCode")
    public Uni<OrderApi.OrderView> get(@RestPath String id) {
        caller.requireOrder(id);
        Uni<OrderApi.OrderView> order = caller.isAdmin()
                ? service.get(id)
                : service.getWithPickupCodes(id, OrderEvents.PICKUP_CODE_SEALED, sealed::open);
        return order.chain(view -> customers
                .of(id)
                .map(customer -> customer.map(view::withCustomer).orElse(view)));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.ORDER, Roles.ADMIN})
    @Operation(
            summary = "Cancel and release every reservation; 409 once anything was picked up or shipped",
            description = "Optional body {reasonCode, reason}: the code (default CUSTOMER_REQUEST) and text go"
                    + " into the cancellation events.")
    public Uni<OrderApi.OrderView> cancel(@RestPath String id, @Valid CancelRequest request) {
        caller.requireOrder(id);
        CancelRequest why = request == null ? new CancelRequest(null, null) : request;
        return cancellation.cancel(
                id, Reason.of(why.reasonCode(), why.reason(), ReasonCode.CUSTOMER_REQUEST, "order cancelled"));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.ORDER, Roles.ADMIN})
    @Operation(summary = "Change the pickup store or the shipping address while nothing is picked yet")
    public Uni<OrderApi.OrderView> change(@RestPath String id, @Valid @NotNull OrderApi.PatchOrderRequest patch) {
        caller.requireOrder(id);
        return changes.change(id, patch);
    }

    /** The Idempotency-Key header, checked for length; null stays null. */
    static String checkedKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** The caller as idempotency keys and holds know it. */
    static OrderPlacement.Placer placer(CallerScope caller, SecurityIdentity identity) {
        return new OrderPlacement.Placer(IdempotencyRecords.callerOf(identity), caller.isAdmin());
    }
}
