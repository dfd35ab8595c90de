package io.omnigate.network;

import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The network over HTTP: operators define locations, anyone entitled can find them. */
@Path("/v1/locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "network")
public class LocationResource {

    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** One page of locations; {@code distanceKm} is set when the query was near a point. */
    public record LocationList(int count, List<Item> items) {}

    public record Item(Location location, Double distanceKm) {}

    private final LocationService service;
    private final NetworkIndex index;

    LocationResource(LocationService service, NetworkIndex index) {
        this.service = service;
        this.index = index;
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a location")
    public Uni<RestResponse<Location>> put(
            @RestPath @Pattern(regexp = ID_PATTERN, message = "must be 1-64 letters, digits, '.', '_' or '-'")
                    String id,
            @Valid @NotNull LocationRequest request) {
        return service.save(id, request)
                .map(saved -> saved.created()
                        ? RestResponse.status(RestResponse.Status.CREATED, saved.location())
                        : RestResponse.ok(saved.location()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CHECKOUT, Roles.INVENTORY_FEED, Roles.STORE_DEVICE, Roles.PICKUP_POINT})
    @Operation(summary = "Read a location")
    public Uni<Location> get(@RestPath String id) {
        return service.get(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHECKOUT, Roles.INVENTORY_FEED, Roles.STORE_DEVICE, Roles.PICKUP_POINT})
    @Operation(summary = "List locations, or find the nearest ones to a point")
    public LocationList list(
            @RestQuery String near,
            @RestQuery @Min(0) @Max(20_000) Double radiusKm,
            @RestQuery LocationType type,
            @RestQuery Capability capability,
            @RestQuery @DefaultValue("50") @Min(1) @Max(1_000) int limit,
            @RestQuery @DefaultValue("0") @Min(0) int offset) {
        Predicate<Location> filter =
                l -> (type == null || l.type() == type) && (capability == null || l.has(capability));
        if (near == null) {
            List<Item> items = index.all().stream()
                    .filter(filter)
                    .sorted(Comparator.comparing(Location::id))
                    .skip(offset)
                    .limit(limit)
                    .map(l -> new Item(l, null))
                    .toList();
            return new LocationList(items.size(), items);
        }
        double[] point = parsePoint(near);
        double radius = radiusKm == null ? Double.POSITIVE_INFINITY : radiusKm;
        List<Item> items = index.nearest(point[0], point[1], radius, limit, filter).stream()
                .map(n -> new Item(n.location(), Math.round(n.distanceKm() * 100) / 100.0))
                .toList();
        return new LocationList(items.size(), items);
    }

    /** Parses {@code lat,lon}; shared by every endpoint that takes a {@code near} point. */
    public static double[] parsePoint(String near) {
        String[] parts = near.split(",");
        try {
            if (parts.length == 2) {
                double lat = Double.parseDouble(parts[0].strip());
                double lon = Double.parseDouble(parts[1].strip());
                if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                    return new double[] {lat, lon};
                }
            }
        } catch (NumberFormatException e) {
            // reported below as a field error
        }
        throw ProblemException.invalid("near", "must be 'lat,lon' with -90<=lat<=90 and -180<=lon<=180");
    }
}
