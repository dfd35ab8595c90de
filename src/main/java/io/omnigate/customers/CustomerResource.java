package io.omnigate.customers;

import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A customer's consents for the retailer's front ends and for the customer through an order's own
 * token; export and erasure for the operator.
 */
@Path("/v1/customers/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
public class CustomerResource {

    private final ConsentLedger ledger;
    private final CustomerExport export;
    private final CustomerErasure erasure;
    private final CallerScope caller;
    private final Pool pool;

    CustomerResource(
            ConsentLedger ledger, CustomerExport export, CustomerErasure erasure, CallerScope caller, Pool pool) {
        this.ledger = ledger;
        this.export = export;
        this.erasure = erasure;
        this.caller = caller;
        this.pool = pool;
    }

    @GET
    @Path("/consents")
    @RolesAllowed({Roles.ADMIN, Roles.CHECKOUT, Roles.ORDER})
    @Operation(summary = "The current state of every purpose, from the newest ledger record of each")
    public Uni<CustomerApi.Consents> consents(@RestPath String customerId) {
        checkId(customerId);
        return reachable(customerId).chain(() -> ledger.current(customerId));
    }

    @PUT
    @Path("/consents")
    @RolesAllowed({Roles.ADMIN, Roles.CHECKOUT, Roles.ORDER})
    @Operation(
            summary = "Grant or withdraw purposes, or withdraw everything optional at once (withdrawAll);"
                    + " appends to the ledger and emits consent.changed")
    public Uni<CustomerApi.Consents> change(
            @RestPath String customerId, @Valid @NotNull CustomerApi.ConsentChange change) {
        checkId(customerId);
        String recordedBy = caller.orderId().map(o -> Roles.ORDER + ":" + o).orElse(caller.role());
        return reachable(customerId).chain(() -> ledger.change(customerId, change, recordedBy));
    }

    @GET
    @Path("/export")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Everything omnigate holds about the customer (orders, fulfillments, history, contact data,"
                    + " consents, disclosures) as one JSON document, streamed")
    public Multi<Buffer> export(@RestPath String customerId) {
        checkId(customerId);
        return RestMulti.fromMultiData(export.document(customerId))
                .encodeAsJsonArray(false)
                .header("Content-Disposition", "attachment; filename=\"customer-export.json\"")
                .build();
    }

    @POST
    @Path("/erase")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Erase or mask the customer's contact data and free text everywhere; order facts and stock"
                    + " stay. Idempotent; answers what this run erased")
    public Uni<CustomerApi.Erasure> erase(@RestPath String customerId) {
        checkId(customerId);
        return erasure.erase(customerId);
    }

    /** An order token reaches only the customer its order was placed for. */
    private Uni<Void> reachable(String customerId) {
        if (!Roles.ORDER.equals(caller.role())) {
            return Uni.createFrom().voidItem();
        }
        String orderId = caller.orderId().orElseThrow(ForbiddenException::new);
        return pool.preparedQuery("select customer_id from orders where id = $1")
                .execute(Tuple.of(orderId))
                .invoke(rows -> {
                    if (rows.size() == 0
                            || !customerId.equals(rows.iterator().next().getString("customer_id"))) {
                        throw new ForbiddenException();
                    }
                })
                .replaceWithVoid();
    }

    private static void checkId(String customerId) {
        if (!customerId.matches(CustomerApi.ID_PATTERN)) {
            throw ProblemException.invalid("customerId", "is not a valid customer id");
        }
    }
}
