package io.omnigate.carriers;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external carrier rating service behind timeout, circuit breaker and bulkhead, with a short
 * quote cache. Each carrier has its own guard, so one failing carrier never opens another's circuit.
 */
public final class HttpCarrier implements Carrier {

    private final String name;
    private final CarrierRatingApi api;
    private final TypedGuard<Uni<List<Quote>>> guard;
    private final QuoteCache cache;

    public HttpCarrier(String name, CarriersConfig.Http config, CarriersConfig carriers) {
        this(
                name,
                QuarkusRestClientBuilder.newBuilder()
                        .baseUri(config.url())
                        .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .build(CarrierRatingApi.class),
                config,
                new QuoteCache(carriers.quoteCacheTtl(), carriers.quoteCacheMaxEntries(), System::nanoTime));
    }

    HttpCarrier(String name, CarrierRatingApi api, CarriersConfig.Http config, QuoteCache cache) {
        this.name = name;
        this.api = api;
        this.cache = cache;
        this.guard = TypedGuard.create(new TypeLiteral<Uni<List<Quote>>>() {})
                .withDescription("carrier " + name)
                .withTimeout()
                .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withCircuitBreaker()
                .name("carrier-" + name)
                .requestVolumeThreshold(config.circuitRequestVolume())
                .failureRatio(config.circuitFailureRatio())
                .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withBulkhead()
                .limit(config.bulkhead())
                .queueSize(config.bulkheadQueue())
                .done()
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<List<Quote>> quote(QuoteRequest request) {
        String key = QuoteCache.keyOf(request);
        List<Quote> cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return guard.get(() -> api.rate(request).map(this::toQuotes)).invoke(quotes -> cache.put(key, quotes));
    }

    private List<Quote> toQuotes(CarrierRatingApi.RatingResponse response) {
        if (response == null || response.quotes() == null) {
            return List.of();
        }
        return response.quotes().stream()
                .filter(q -> q.originLocationId() != null && q.service() != null && q.amount() != null)
                .map(q -> new Quote(name, q.service(), q.originLocationId(), q.amount(), q.currency(), q.promisedBy()))
                .toList();
    }
}
