package io.omnigate.carriers;

import io.omnigate.network.Zones;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
        // origins of one request mostly share a few time zones: each (zone, service) promise once
        Map<ZoneId, Map<String, LocalDate>> promised = new HashMap<>(4);
        String carrier = name();
        for (QuoteRequest.Origin origin : request.origins()) {
            ZoneId zone = Zones.of(origin.timeZone());
            Map<String, LocalDate> byService = promised.computeIfAbsent(zone, z -> new HashMap<>(4));
            for (Map.Entry<String, CarriersConfig.Service> entry :
                    table.services().entrySet()) {
                CarriersConfig.Service service = entry.getValue();
                for (CarriersConfig.Band band : service.bands()) {
                    if (origin.distanceKm() <= band.maxKm()) {
                        LocalDate by = byService.computeIfAbsent(
                                entry.getKey(),
                                name -> promise.promisedBy(
                                        request.requestedAt(), zone, service.cutOff(), service.transitDays()));
                        quotes.add(new Quote(
                                carrier, entry.getKey(), origin.locationId(), band.price(), table.currency(), by));
                        break;
                    }
                }
            }
        }
        return quotes;
    }
}
