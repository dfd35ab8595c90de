package io.omnigate.carriers;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Shipment notices to the configured HTTP carriers ({@code POST <url>/shipments}); the built-in
 * table-rate carrier is omnigate's own and is never called. What goes into a notice is decided by
 * the caller (the customers feature's sharing gate), not here.
 */
@ApplicationScoped
public class ShipmentNotices {

    private final Map<String, CarrierShipmentApi> clients = new TreeMap<>();

    ShipmentNotices(CarriersConfig config) {
        config.http().forEach((name, http) -> {
            clients.put(
                    name,
                    QuarkusRestClientBuilder.newBuilder()
                            .baseUri(http.url())
                            .connectTimeout(http.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(Math.max(2000, http.timeout().toMillis()), TimeUnit.MILLISECONDS)
                            .build(CarrierShipmentApi.class));
        });
    }

    /** Whether {@code carrier} names an external HTTP carrier that takes notices. */
    public boolean isExternal(String carrier) {
        return carrier != null && clients.containsKey(carrier);
    }

    /** Sends the notice; fails when the carrier is unknown, refuses it, or does not answer within {@code timeout}. */
    public Uni<Void> send(String carrier, ShipmentNotice notice, Duration timeout) {
        CarrierShipmentApi client = clients.get(carrier);
        if (client == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("No HTTP carrier named " + carrier));
        }
        return client.announce(notice).ifNoItem().after(timeout).fail();
    }
}
