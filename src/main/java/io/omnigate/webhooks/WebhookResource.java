package io.omnigate.webhooks;

import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Operators subscribe back-end systems to order events, read the delivery log and redeliver. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookResource {

    private static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "PARKED");
    private static final int MAX_TYPES = 50;

    private final WebhookStore store;

    WebhookResource(WebhookStore store) {
        this.store = store;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "createWebhook",
            summary = "Subscribe a URL to events; the answer carries the signing secret, shown only this once")
    public Uni<Response> create(WebhookApi.CreateWebhook request) {
        validate(request);
        String secret = request.secret() == null ? WebhookSignature.newSecret() : request.secret();
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        RecipientClass recipient =
                request.recipientClass() == null ? RecipientClass.RETAILER : request.recipientClass();
        return store.create(id, request.url(), List.copyOf(request.eventTypes()), secret, recipient)
                .map(created -> Response.created(URI.create("/v1/webhooks/" + id))
                        .entity(created)
                        .build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listWebhooks", summary = "Every subscription, with its pending and parked counts")
    public Uni<List<WebhookApi.Webhook>> list() {
        return store.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getWebhook", summary = "One subscription")
    public Uni<WebhookApi.Webhook> get(@RestPath String id) {
        return store.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("Webhook", id)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe; pending deliveries and the log go with it")
    public Uni<Response> delete(@RestPath String id) {
        return store.delete(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Webhook", id);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "The delivery log, newest first: attempts, last status, the start of the last answer")
    public Uni<WebhookApi.DeliveryLog> deliveries(
            @RestPath String id, @RestQuery String state, @RestQuery Long before, @RestQuery Integer limit) {
        String wanted = state == null ? null : state.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            throw ProblemException.invalid("state", "one of PENDING, DELIVERED, PARKED");
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ProblemException.invalid("limit", "between 1 and 500");
        }
        long from = before == null ? Long.MAX_VALUE : before;
        return existing(id)
                .chain(() -> store.deliveries(id, wanted, from, size))
                .map(page -> new WebhookApi.DeliveryLog(
                        page,
                        page.size() < size ? null : page.get(page.size() - 1).id()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "redeliverWebhookDelivery",
            summary = "Send a delivered or parked event again (same webhook-id), in its order's seq order")
    public Uni<WebhookApi.Requeued> redeliver(@RestPath String id, @RestPath long deliveryId) {
        return existing(id).chain(() -> store.requeue(id, deliveryId)).map(WebhookApi.Requeued::new);
    }

    @POST
    @Path("/{id}/deliveries/redeliver-parked")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "redeliverParkedWebhooks", summary = "Queue every parked delivery again")
    public Uni<WebhookApi.Requeued> redeliverParked(@RestPath String id) {
        return existing(id).chain(() -> store.requeue(id, null)).map(WebhookApi.Requeued::new);
    }

    private Uni<Void> existing(String id) {
        return store.find(id).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("Webhook", id);
            }
            return null;
        });
    }

    private static void validate(WebhookApi.CreateWebhook request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with url and eventTypes is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!isHttpUrl(request.url())) {
            errors.add(new Problem.FieldError("url", "an absolute http or https URL of at most 2048 characters"));
        }
        List<String> types = request.eventTypes();
        if (types == null || types.isEmpty() || types.size() > MAX_TYPES) {
            errors.add(new Problem.FieldError("eventTypes", "1 to " + MAX_TYPES + " event types"));
        } else {
            for (int i = 0; i < types.size(); i++) {
                if (!WebhookEventTypes.isValidPattern(types.get(i))) {
                    errors.add(new Problem.FieldError(
                            "eventTypes[" + i + "]",
                            "an order.*, fulfillment.* or pickup.* type, such a family, or *"));
                }
            }
        }
        if (request.secret() != null && !WebhookSignature.isValidSecret(request.secret())) {
            errors.add(new Problem.FieldError("secret", "whsec_ followed by base64 of 24 to 64 bytes"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The webhook is not valid.", errors);
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
