package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.SourceCall.Sourced;
import io.omnigate.carriers.Carrier;
import io.omnigate.carriers.Carriers;
import io.omnigate.carriers.Quote;
import io.omnigate.carriers.QuoteRequest;
import io.omnigate.inventory.InventoryConfig;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.network.ParcelSize;
import io.omnigate.routing.RoutingPolicyService;
import io.omnigate.routing.SourcingPlanner.CartLine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers the checkout call: candidate locations from the in-memory network, then stock and every
 * carrier's quotes, each within its own budget inside the request's deadline; a source that is late
 * or fails is left out and the answer says so. Sources that answer at once (stock from the replica,
 * the table-rate carrier) make the whole answer synchronous: no timer, no hop.
 */
@ApplicationScoped
public class AvailabilityService {

    private static final Logger LOG = Logger.getLogger(AvailabilityService.class);
    private static final Duration SHORTEST_BUDGET = Duration.ofMillis(10);

    private final CandidateFinder candidates;
    private final AvailabilityRepository repository;
    private final Carriers carriers;
    private final RoutingPolicyService routing;
    private final AvailabilityConfig config;
    private final PromiseRules rules;
    private final Clock clock;

    AvailabilityService(
            CandidateFinder candidates,
            AvailabilityRepository repository,
            Carriers carriers,
            RoutingPolicyService routing,
            AvailabilityConfig config,
            InventoryConfig inventory,
            Clock clock) {
        this.candidates = candidates;
        this.repository = repository;
        this.carriers = carriers;
        this.routing = routing;
        this.config = config;
        this.rules = PromiseRules.of(config, inventory);
        this.clock = clock;
    }

    public Uni<AvailabilityResponse> availability(AvailabilityRequest request) {
        Instant now = clock.instant();
        String requestId = requestId();
        AvailabilityQuery query =
                AvailabilityQuery.of(request, now, routing.current().policy());
        Candidates found = candidates.find(query);

        SourceCall<StockView> stock = SourceCall.start(
                "stock",
                () -> repository.read(found.locationIds(), query.skus(), now, now.plus(config.horizon())),
                failure -> {
                    LOG.warnf("Availability stock read failed: %s", failure.getMessage());
                    return "unavailable";
                });
        List<SourceCall<List<Quote>>> quotes = new ArrayList<>();
        QuoteRequest quoteRequest = quoteRequest(query, found);
        if (quoteRequest != null) {
            for (Carrier carrier : carriers.all()) {
                quotes.add(SourceCall.start(
                        "carrier " + carrier.name(), () -> carrier.quote(quoteRequest), AvailabilityService::describe));
            }
        }

        if (stock.done() && quotes.stream().allMatch(SourceCall::done)) {
            return Uni.createFrom().item(answer(requestId, query, found, stock, quotes));
        }
        return awaitSources(request, stock, quotes, () -> answer(requestId, query, found, stock, quotes));
    }

    /**
     * Each source still in flight gets its own timer: at most its timeout, and never more than the
     * deadline minus two assembly reserves, so every wait has ended (answered or given up) with time
     * left to build the answer and no timer for the request as a whole is needed.
     */
    private Uni<AvailabilityResponse> awaitSources(
            AvailabilityRequest request,
            SourceCall<StockView> stock,
            List<SourceCall<List<Quote>>> quotes,
            Supplier<AvailabilityResponse> answer) {
        Duration deadline = config.defaultDeadline();
        if (request.deadlineMs() != null && request.deadlineMs() < deadline.toMillis()) {
            deadline = Duration.ofMillis(request.deadlineMs());
        }
        Duration budget = max(deadline.minus(config.assemblyReserve().multipliedBy(2)), SHORTEST_BUDGET);
        List<Uni<?>> pending = new ArrayList<>();
        if (!stock.done()) {
            pending.add(stock.awaited(min(config.stockTimeout(), budget)));
        }
        Duration carrierBudget = min(config.carrierTimeout(), budget);
        quotes.stream().filter(q -> !q.done()).forEach(q -> pending.add(q.awaited(carrierBudget)));
        return Uni.combine().all().unis(pending).with(results -> answer.get());
    }

    /** Builds the answer from the sources' outcomes: every gap is a warning before {@code degraded} is decided. */
    private AvailabilityResponse answer(
            String requestId,
            AvailabilityQuery query,
            Candidates found,
            SourceCall<StockView> stockCall,
            List<SourceCall<List<Quote>>> quoteCalls) {
        List<String> gaps = new ArrayList<>();
        Sourced<StockView> stock = stockCall.outcome();
        if (stock.warning() != null) {
            gaps.add(stock.warning());
        }
        List<Quote> quotes = new ArrayList<>();
        for (SourceCall<List<Quote>> call : quoteCalls) {
            Sourced<List<Quote>> quoted = call.outcome();
            if (quoted.warning() != null) {
                gaps.add(quoted.warning());
            } else {
                quotes.addAll(quoted.value());
            }
        }
        boolean degraded = !gaps.isEmpty();
        List<String> warnings = new ArrayList<>(gaps);
        List<Option> options = List.of();
        if (stock.value() != null) {
            for (CartLine line : query.cart()) {
                if (!stock.value().knows(line.sku())) {
                    warnings.add("unknown SKU " + line.sku() + ": unavailable");
                }
            }
            PromisableStock promisable = new PromisableStock(query, stock.value(), rules);
            options = options(new OptionInputs(query, found, promisable, new CarrierQuotes(quotes), rules));
        }
        return new AvailabilityResponse(requestId, clock.instant(), degraded, List.copyOf(warnings), options);
    }

    /** Every requested method family's options, in the contract's order. */
    static List<Option> options(OptionInputs in) {
        AvailabilityQuery query = in.query();
        List<Option> options = new ArrayList<>();
        if (query.wants(FulfillmentMethod.PICKUP)) {
            options.addAll(PickupOptions.build(in, FulfillmentMethod.PICKUP, Capability.PICKUP));
        }
        if (query.wants(FulfillmentMethod.CURBSIDE)) {
            options.addAll(PickupOptions.build(in, FulfillmentMethod.CURBSIDE, Capability.CURBSIDE));
        }
        if (query.wants(FulfillmentMethod.LOCKER)) {
            options.addAll(LockerOptions.build(in));
        }
        if (query.wants(FulfillmentMethod.SHIP)) {
            options.addAll(ShipOptions.ship(in));
        }
        if (query.wants(FulfillmentMethod.SAME_DAY)) {
            options.addAll(ShipOptions.sameDay(in));
        }
        return options;
    }

    private static QuoteRequest quoteRequest(AvailabilityQuery query, Candidates found) {
        Map<String, QuoteRequest.Origin> origins = new LinkedHashMap<>();
        for (List<Nearby> list : List.of(found.ship(), found.sameDay())) {
            for (Nearby n : list) {
                Location l = n.location();
                origins.putIfAbsent(
                        l.id(),
                        new QuoteRequest.Origin(
                                l.id(), l.lat(), l.lon(), l.timeZone(), OptionInputs.round(n.distanceKm())));
            }
        }
        if (origins.isEmpty()) {
            return null;
        }
        AvailabilityRequest.Destination d = query.body().destination();
        return new QuoteRequest(
                List.copyOf(origins.values()),
                new QuoteRequest.Destination(d.lat(), d.lon(), d.postalCode(), d.country()),
                query.units(),
                ParcelSize.M,
                query.now());
    }

    /** A random (version 4) id; it names a request in logs, it is no secret, so no SecureRandom per call. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static String describe(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        if (type.contains("CircuitBreakerOpen")) {
            return "circuit open";
        }
        if (failure instanceof TimeoutException || type.contains("Timeout")) {
            return "timed out";
        }
        if (type.contains("Bulkhead")) {
            return "too many calls in flight";
        }
        return "failed";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
