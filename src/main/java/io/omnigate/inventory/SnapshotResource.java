package io.omnigate.inventory;

import io.omnigate.events.OutboxRelay;
import io.omnigate.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Full stock snapshots from WMS/ERP/POS, streamed in whatever format the feed speaks. */
@Path("/v1/locations/{id}/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class SnapshotResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private final SnapshotIngest snapshots;

    private final OutboxRelay relay;

    SnapshotResource(SnapshotIngest snapshots, OutboxRelay relay) {
        this.snapshots = snapshots;
        this.relay = relay;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED})
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, CSV})
    @Blocking
    @Operation(
            summary = "Replace a location's on-hand counts from a full snapshot",
            description = "JSON {asOf, items:[{sku, onHand}]}, or a streamed NDJSON ({sku, onHand} per line) or"
                    + " CSV (sku,onHand) body with ?asOf=. Reservations are kept; SKUs missing from the snapshot"
                    + " go to zero; a snapshot not newer than the applied one is refused with 409.")
    public SnapshotIngest.Result snapshot(
            @RestPath String id,
            @RestQuery String asOf,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        OffsetDateTime asOfParam = asOf == null ? null : SnapshotIngest.parseAsOf(asOf);
        SnapshotIngest.Result result = snapshots.ingest(id, format(contentType), asOfParam, body);
        // committed: the change notices reach every replica without waiting for the relay's poll
        relay.wake();
        return result;
    }

    private static SnapshotIngest.Format format(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (type.startsWith(NDJSON)) {
            return SnapshotIngest.Format.NDJSON;
        }
        if (type.startsWith(CSV)) {
            return SnapshotIngest.Format.CSV;
        }
        return SnapshotIngest.Format.JSON;
    }
}
