package io.omnigate.inventory;

import io.omnigate.network.ParcelSize;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The SKU catalogue; small enough that the resource talks SQL directly. */
@Path("/v1/skus")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class SkuResource {

    private static final String UPSERT = "insert into sku (sku, name, parcel_size)"
            + " select * from unnest($1::text[], $2::text[], $3::text[])"
            + " on conflict (sku) do update set name = excluded.name, parcel_size = excluded.parcel_size";

    public record Upserted(int count) {}

    private final Pool pool;
    private final SkuCatalog catalog;

    SkuResource(Pool pool, SkuCatalog catalog) {
        this.pool = pool;
        this.catalog = catalog;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED})
    @Operation(summary = "Create or update SKUs in bulk (up to 10,000 per request)")
    public Uni<Upserted> upsertAll(@NotNull @Size(min = 1, max = 10_000) List<@NotNull @Valid Sku> skus) {
        long distinct = skus.stream().map(Sku::sku).distinct().count();
        if (distinct != skus.size()) {
            throw ProblemException.invalid("sku", "each SKU may appear only once per request");
        }
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(
                        skus.stream().map(Sku::sku).toArray(String[]::new),
                        skus.stream().map(s -> s.name().strip()).toArray(String[]::new),
                        skus.stream().map(s -> s.parcelSizeOrDefault().name()).toArray(String[]::new)))
                .invoke(rows -> catalog.addAll(skus.stream().map(Sku::sku).toList()))
                .map(rows -> new Upserted(skus.size()));
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED})
    @Path("/{sku}")
    @Operation(summary = "Create or update one SKU")
    public Uni<Sku> upsert(@RestPath String sku, @Valid @NotNull Sku body) {
        if (!sku.equals(body.sku())) {
            throw ProblemException.invalid("sku", "must match the SKU in the path");
        }
        return upsertAll(List.of(body))
                .map(done -> new Sku(body.sku(), body.name().strip(), body.parcelSizeOrDefault()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED, Roles.CHECKOUT, Roles.STORE_DEVICE})
    @Path("/{sku}")
    @Operation(summary = "Read one SKU")
    public Uni<Sku> get(@RestPath String sku) {
        return pool.preparedQuery("select sku, name, parcel_size from sku where sku = $1")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("SKU", sku);
                    }
                    Row row = rows.iterator().next();
                    return new Sku(
                            row.getString("sku"),
                            row.getString("name"),
                            ParcelSize.stored(row.getString("parcel_size")));
                });
    }
}
