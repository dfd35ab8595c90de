package io.omnigate.carriers;

import io.omnigate.network.Zones;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The built-in carrier: prices by distance band and promises from cut-offs, all from application.properties. */
public final class TableRateCarrier implements Carrier {

    private final CarriersConfig.TableRate table;
    private final DeliveryPromise promise;

    public TableRateCarrier(CarriersConfig.TableRate table) {
        this.table = table;
        this.promise = new DeliveryPromise(
                table.workingDays(), Set.copyOf(table.holidays().orElse(List.of())));
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public Uni<List<Quote>> quote(QuoteRequest request) {
        return Uni.createFrom().item(() -> quotesFor(request));
    }

    List<Quote> quotesFor(QuoteRequest request) {
        List<Quote> quotes = new ArrayList<>();
        for (QuoteRequest.Origin origin : request.origins()) {
            for (Map.Entry<String, CarriersConfig.Service> entry :
                    table.services().entrySet()) {
                CarriersConfig.Service service = entry.getValue();
                for (CarriersConfig.Band band : service.bands()) {
                    if (origin.distanceKm() <= band.maxKm()) {
                        quotes.add(new Quote(
                                name(),
                                entry.getKey(),
                                origin.locationId(),
                                band.price(),
                                table.currency(),
                                promise.promisedBy(
                                        request.requestedAt(),
                                        Zones.of(origin.timeZone()),
                                        service.cutOff(),
                                        service.transitDays())));
                        break;
                    }
                }
            }
        }
        return quotes;
    }
}
