package io.omnigate.fulfillment;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderRepository;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A location's side of the workflow: its pick list, and the pickup-code check at its counter or doors. */
@Path("/v1/locations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fulfillment")
public class LocationFulfillmentResource {

    /** What a pick list shows when no status is asked for: everything still in the store's hands. */
    static final List<String> OPEN = FulfillmentStateMachine.STATUSES.stream()
            .filter(FulfillmentStatus::isLive)
            .map(FulfillmentStatus::name)
            .toList();

    static final int DEFAULT_LIMIT = 50;

    private final FulfillmentRepository repository;
    private final PickupService pickups;
    private final OrderRepository orders;
    private final CallerScope caller;

    LocationFulfillmentResource(
            FulfillmentRepository repository, PickupService pickups, OrderRepository orders, CallerScope caller) {
        this.repository = repository;
        this.pickups = pickups;
        this.orders = orders;
        this.caller = caller;
    }

    @GET
    @Path("/fulfillments")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            summary = "The pick list: fulfillments this location prepares or hands over, oldest first;"
                    + " status filter (comma-separated or repeated), limit and cursor")
    public Uni<FulfillmentApi.PickList> pickList(
            @RestPath String id,
            @RestQuery List<String> status,
            @RestQuery @Min(1) @Max(200) Integer limit,
            @RestQuery String cursor) {
        caller.requireLocation(id);
        List<String> statuses = statuses(status);
        PickListCursor after = cursor == null ? null : PickListCursor.decode(cursor);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return orders.pool()
                .withConnection(conn -> repository.pickList(conn, id, statuses, after, size + 1))
                .map(items -> {
                    if (items.size() <= size) {
                        return new FulfillmentApi.PickList(items, null);
                    }
                    List<FulfillmentApi.PickListItem> page = items.subList(0, size);
                    FulfillmentApi.PickListItem last = page.get(size - 1);
                    return new FulfillmentApi.PickList(
                            List.copyOf(page), new PickListCursor(last.createdAt(), last.id()).encode());
                });
    }

    @POST
    @Path("/pickups/verify")
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT})
    @Operation(
            summary = "Check a pickup code at this pickup point and hand the parcel over (PICKED_UP); wrong codes"
                    + " are counted and locked out (429)")
    public Uni<FulfillmentApi.HandOver> verify(
            @RestPath String id, @Valid @NotNull FulfillmentApi.VerifyRequest request) {
        caller.requireLocation(id);
        return pickups.verify(
                id,
                request.code(),
                new HandOverProof(request.collectedBy(), request.collectorName(), HandOverProof.Check.PICKUP_CODE));
    }

    private static List<String> statuses(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return OPEN;
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String value : requested) {
            for (String part : value.split(",")) {
                String status = part.strip().toUpperCase(Locale.ROOT);
                if (status.isEmpty()) {
                    continue;
                }
                statuses.add(FulfillmentStateMachine.parse("status", status).name());
            }
        }
        return statuses.isEmpty() ? OPEN : new ArrayList<>(statuses);
    }
}
