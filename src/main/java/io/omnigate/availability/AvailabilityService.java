package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.LineAvailability;
import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Price;
import io.omnigate.availability.AvailabilityResponse.Shipment;
import io.omnigate.availability.AvailabilityResponse.ShipmentLine;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.carriers.Carrier;
import io.omnigate.carriers.Carriers;
import io.omnigate.carriers.Quote;
import io.omnigate.carriers.QuoteRequest;
import io.omnigate.inventory.InventoryConfig;
import io.omnigate.network.Capability;
import io.omnigate.network.Geo;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.routing.RoutingPolicy;
import io.omnigate.routing.RoutingPolicyService;
import io.omnigate.routing.SourcingPlanner;
import io.omnigate.routing.SourcingPlanner.Candidate;
import io.omnigate.routing.SourcingPlanner.CartLine;
import io.omnigate.routing.SourcingPlanner.Plan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers the checkout call: candidate locations from the in-memory network, then stock (one
 * statement) and every carrier's quotes in parallel, each within its own budget inside the
 * request's deadline; a source that is late or fails is left out and the answer says so.
 */
@ApplicationScoped
public class AvailabilityService {

    private static final Logger LOG = Logger.getLogger(AvailabilityService.class);
    private static final String SAME_DAY_SERVICE = "SAME_DAY";
    private static final List<String> PARCEL_SIZES = List.of("S", "M", "L");

    private final NetworkIndex network;
    private final AvailabilityRepository repository;
    private final Carriers carriers;
    private final RoutingPolicyService routing;
    private final AvailabilityConfig config;
    private final InventoryConfig inventory;
    private final Clock clock;

    AvailabilityService(
            NetworkIndex network,
            AvailabilityRepository repository,
            Carriers carriers,
            RoutingPolicyService routing,
            AvailabilityConfig config,
            InventoryConfig inventory,
            Clock clock) {
        this.network = network;
        this.repository = repository;
        this.carriers = carriers;
        this.routing = routing;
        this.config = config;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** A source's answer, or why it is missing. */
    private record Sourced<T>(T value, String warning) {
        static <T> Sourced<T> ok(T value) {
            return new Sourced<>(value, null);
        }

        static <T> Sourced<T> missing(String warning) {
            return new Sourced<>(null, warning);
        }
    }

    /** The candidate locations of one request, found in memory before any I/O. */
    private record Candidates(
            Map<String, Nearby> pickup,
            List<Nearby> sameDay,
            List<Nearby> ship,
            List<Nearby> lockers,
            Map<String, List<Nearby>> lockerFeeders) {

        Set<String> locationIds() {
            Set<String> ids = new LinkedHashSet<>(pickup.keySet());
            sameDay.forEach(n -> ids.add(n.location().id()));
            ship.forEach(n -> ids.add(n.location().id()));
            lockerFeeders
                    .values()
                    .forEach(list -> list.forEach(n -> ids.add(n.location().id())));
            return ids;
        }
    }

    public Uni<AvailabilityResponse> availability(AvailabilityRequest request) {
        Instant now = clock.instant();
        String requestId = UUID.randomUUID().toString();
        Duration deadline = config.defaultDeadline();
        if (request.deadlineMs() != null && request.deadlineMs() < deadline.toMillis()) {
            deadline = Duration.ofMillis(request.deadlineMs());
        }
        // Sources get the deadline minus two reserves; the answer itself is cut at one reserve
        // before the deadline and built from whatever sources have answered by then.
        Duration overall = deadline.minus(config.assemblyReserve());
        Duration budget = overall.minus(config.assemblyReserve());
        if (budget.toMillis() < 10) {
            budget = Duration.ofMillis(10);
        }
        Duration stockBudget = min(config.stockTimeout(), budget);
        Duration carrierBudget = min(config.carrierTimeout(), budget);

        Request req = new Request(request, now, routing.current().policy());
        Candidates candidates = findCandidates(req);

        AtomicReference<Sourced<StockView>> stockResult = new AtomicReference<>();
        List<Uni<?>> sources = new ArrayList<>();
        sources.add(repository
                .read(candidates.locationIds(), req.skus(), now, now.plus(config.horizon()))
                .map(Sourced::ok)
                .ifNoItem()
                .after(stockBudget)
                .recoverWithItem(() -> Sourced.missing("stock: no answer within " + stockBudget.toMillis() + " ms"))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("Availability stock read failed: %s", failure.getMessage());
                    return Sourced.missing("stock: unavailable");
                })
                .invoke(stockResult::set));

        Map<String, AtomicReference<Sourced<List<Quote>>>> quoteResults = new LinkedHashMap<>();
        QuoteRequest quoteRequest = quoteRequest(req, candidates);
        if (quoteRequest != null) {
            for (Carrier carrier : carriers.all()) {
                AtomicReference<Sourced<List<Quote>>> holder = new AtomicReference<>();
                quoteResults.put(carrier.name(), holder);
                sources.add(quotes(carrier, quoteRequest, carrierBudget).invoke(holder::set));
            }
        }

        Supplier<AvailabilityResponse> answer = () -> {
            List<String> warnings = new ArrayList<>();
            Sourced<StockView> stock = stockResult.get();
            if (stock == null) {
                stock = Sourced.missing("stock: no answer within the deadline");
            }
            if (stock.warning() != null) {
                warnings.add(stock.warning());
            }
            List<Quote> quotes = new ArrayList<>();
            quoteResults.forEach((name, holder) -> {
                Sourced<List<Quote>> quoted = holder.get();
                if (quoted == null) {
                    warnings.add("carrier " + name + ": no answer within the deadline");
                } else if (quoted.warning() != null) {
                    warnings.add(quoted.warning());
                } else {
                    quotes.addAll(quoted.value());
                }
            });
            boolean degraded = !warnings.isEmpty();
            List<Option> options = stock.value() == null
                    ? List.of()
                    : new Assembly(req, candidates, stock.value(), quotes, warnings).options();
            return new AvailabilityResponse(requestId, clock.instant(), degraded, List.copyOf(warnings), options);
        };
        return Uni.combine()
                .all()
                .unis(sources)
                .with(results -> answer.get())
                .ifNoItem()
                .after(overall)
                .recoverWithItem(answer);
    }

    private Uni<Sourced<List<Quote>>> quotes(Carrier carrier, QuoteRequest request, Duration budget) {
        Uni<List<Quote>> call;
        try {
            call = carrier.quote(request);
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.map(Sourced::ok)
                .ifNoItem()
                .after(budget)
                .recoverWithItem(() -> Sourced.missing(
                        "carrier " + carrier.name() + ": no answer within " + budget.toMillis() + " ms"))
                .onFailure()
                .recoverWithItem(failure -> Sourced.missing("carrier " + carrier.name() + ": " + describe(failure)));
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

    /** The request, normalised: merged lines, methods, limits and the policy in force. */
    private record Request(
            AvailabilityRequest body,
            List<CartLine> cart,
            Set<FulfillmentMethod> methods,
            int maxLocations,
            Instant now,
            RoutingPolicy policy) {

        Request(AvailabilityRequest body, Instant now, RoutingPolicy policy) {
            this(
                    body,
                    mergeLines(body.lines()),
                    body.methods() == null || body.methods().isEmpty()
                            ? EnumSet.allOf(FulfillmentMethod.class)
                            : EnumSet.copyOf(body.methods()),
                    body.maxLocations() == null ? 3 : body.maxLocations(),
                    now,
                    policy);
        }

        double lat() {
            return body.destination().lat();
        }

        double lon() {
            return body.destination().lon();
        }

        List<String> skus() {
            return cart.stream().map(CartLine::sku).toList();
        }

        boolean wants(FulfillmentMethod method) {
            return methods.contains(method);
        }

        private static List<CartLine> mergeLines(List<AvailabilityRequest.Line> lines) {
            Map<String, Integer> merged = new LinkedHashMap<>();
            lines.forEach(line -> merged.merge(line.sku(), line.qty(), Integer::sum));
            List<CartLine> cart = new ArrayList<>();
            merged.forEach((sku, qty) -> cart.add(new CartLine(sku, qty)));
            return cart;
        }
    }

    private Candidates findCandidates(Request req) {
        RoutingPolicy policy = req.policy();
        Map<String, Nearby> pickup = new LinkedHashMap<>();
        if (req.wants(FulfillmentMethod.PICKUP) || req.wants(FulfillmentMethod.CURBSIDE)) {
            network.nearest(
                            req.lat(),
                            req.lon(),
                            policy.maxPickupDistanceKm(),
                            config.pickupCandidates(),
                            AvailabilityService::isPickupStore)
                    .forEach(n -> pickup.put(n.location().id(), n));
            String preferred = req.body().preferredLocationId();
            if (preferred != null && !pickup.containsKey(preferred)) {
                network.get(preferred)
                        .filter(AvailabilityService::isPickupStore)
                        .ifPresent(l -> {
                            double km = Geo.distanceKm(req.lat(), req.lon(), l.lat(), l.lon());
                            if (km <= policy.maxPickupDistanceKm()) {
                                pickup.put(l.id(), new Nearby(l, km));
                            }
                        });
            }
        }
        List<Nearby> sameDay = req.wants(FulfillmentMethod.SAME_DAY)
                ? network.nearest(
                        req.lat(),
                        req.lon(),
                        config.sameDayRadiusKm(),
                        config.sameDayCandidates(),
                        l -> l.type() == LocationType.STORE && l.has(Capability.SAME_DAY))
                : List.of();
        List<Nearby> ship = req.wants(FulfillmentMethod.SHIP)
                ? network.nearest(
                        req.lat(),
                        req.lon(),
                        Double.POSITIVE_INFINITY,
                        config.shipCandidates(),
                        l -> canShip(l, policy))
                : List.of();
        List<Nearby> lockers = List.of();
        Map<String, List<Nearby>> feeders = new LinkedHashMap<>();
        if (req.wants(FulfillmentMethod.LOCKER)) {
            lockers = network.nearest(
                    req.lat(),
                    req.lon(),
                    config.lockerRadiusKm(),
                    Math.max(req.maxLocations() * 2, 4),
                    l -> l.has(Capability.LOCKER)
                            && l.compartments() != null
                            && !l.compartments().isEmpty());
            for (Nearby locker : lockers) {
                Location l = locker.location();
                List<Nearby> fed = new ArrayList<>();
                if (l.parentLocationId() != null) {
                    network.get(l.parentLocationId())
                            .ifPresent(parent -> fed.add(
                                    new Nearby(parent, Geo.distanceKm(l.lat(), l.lon(), parent.lat(), parent.lon()))));
                }
                network
                        .nearest(l.lat(), l.lon(), config.lockerFeederRadiusKm(), 3, AvailabilityService::canFeedLocker)
                        .stream()
                        .filter(n -> !n.location().id().equals(l.parentLocationId()))
                        .forEach(fed::add);
                feeders.put(l.id(), fed);
            }
        }
        return new Candidates(pickup, sameDay, ship, lockers, feeders);
    }

    private QuoteRequest quoteRequest(Request req, Candidates candidates) {
        Map<String, QuoteRequest.Origin> origins = new LinkedHashMap<>();
        for (List<Nearby> list : List.of(candidates.ship(), candidates.sameDay())) {
            for (Nearby n : list) {
                Location l = n.location();
                origins.putIfAbsent(
                        l.id(), new QuoteRequest.Origin(l.id(), l.lat(), l.lon(), l.timeZone(), round(n.distanceKm())));
            }
        }
        if (origins.isEmpty()) {
            return null;
        }
        AvailabilityRequest.Destination d = req.body().destination();
        int units = req.cart().stream().mapToInt(CartLine::qty).sum();
        return new QuoteRequest(
                List.copyOf(origins.values()),
                new QuoteRequest.Destination(d.lat(), d.lon(), d.postalCode(), d.country()),
                units,
                "M",
                req.now());
    }

    private static boolean isPickupStore(Location l) {
        return l.type() == LocationType.STORE && (l.has(Capability.PICKUP) || l.has(Capability.CURBSIDE));
    }

    private static boolean canShip(Location l, RoutingPolicy policy) {
        if (!policy.shipFromTypes().contains(l.type())) {
            return false;
        }
        return l.type() != LocationType.STORE || l.has(Capability.SHIP_FROM);
    }

    private static boolean canFeedLocker(Location l) {
        return l.type() == LocationType.DC || (l.type() == LocationType.STORE && l.has(Capability.SHIP_FROM));
    }

    /** Builds the options of one request once its sources have answered. */
    private final class Assembly {
        private final Request req;
        private final Candidates candidates;
        private final StockView stock;
        private final Map<String, List<Quote>> quotesByOrigin = new HashMap<>();
        private final Instant horizonEnd;

        Assembly(Request req, Candidates candidates, StockView stock, List<Quote> quotes, List<String> warnings) {
            this.req = req;
            this.candidates = candidates;
            this.stock = stock;
            this.horizonEnd = req.now().plus(config.horizon());
            quotes.forEach(q -> quotesByOrigin
                    .computeIfAbsent(q.originLocationId(), k -> new ArrayList<>())
                    .add(q));
            for (CartLine line : req.cart()) {
                if (!stock.knownSkus().contains(line.sku())) {
                    warnings.add("unknown SKU " + line.sku() + ": unavailable");
                }
            }
        }

        List<Option> options() {
            List<Option> options = new ArrayList<>();
            if (req.wants(FulfillmentMethod.PICKUP)) {
                options.addAll(pickupOptions(FulfillmentMethod.PICKUP, Capability.PICKUP));
            }
            if (req.wants(FulfillmentMethod.CURBSIDE)) {
                options.addAll(pickupOptions(FulfillmentMethod.CURBSIDE, Capability.CURBSIDE));
            }
            if (req.wants(FulfillmentMethod.LOCKER)) {
                options.addAll(lockerOptions());
            }
            if (req.wants(FulfillmentMethod.SHIP)) {
                options.addAll(shipOptions());
            }
            if (req.wants(FulfillmentMethod.SAME_DAY)) {
                options.addAll(sameDayOptions());
            }
            return options;
        }

        // ---- stock as this request may promise it

        boolean stale(String locationId) {
            Instant synced = stock.syncedAt().get(locationId);
            return synced == null || synced.isBefore(req.now().minus(inventory.staleAfter()));
        }

        Map<String, Integer> atp(String locationId) {
            Map<String, Integer> raw = stock.atp(locationId);
            if (!stale(locationId)) {
                return raw;
            }
            Map<String, Integer> buffered = new HashMap<>();
            raw.forEach((sku, qty) -> buffered.put(sku, Math.max(0, qty - inventory.staleBuffer())));
            return buffered;
        }

        boolean covers(Map<String, Integer> atp) {
            for (CartLine line : req.cart()) {
                if (atp.getOrDefault(line.sku(), 0) < line.qty()) {
                    return false;
                }
            }
            return true;
        }

        Source source(String locationId) {
            return stale(locationId) ? Source.NEAR_TIME : Source.LIVE;
        }

        Duration extraLead(String locationId) {
            return stale(locationId) ? config.staleReadyBuffer() : Duration.ZERO;
        }

        double loadRatio(Location location) {
            int capacity = location.hourlyCapacity();
            int assigned = stock.load(location.id())
                    .getOrDefault(req.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS), 0);
            return capacity <= 0 ? 1.0 : Math.min(1.0, (double) assigned / capacity);
        }

        Optional<PickupScheduler.Ready> nextPickup(Location location, Instant earliest) {
            return PickupScheduler.nextPickup(
                    location, earliest, extraLead(location.id()), stock.load(location.id()), horizonEnd);
        }

        List<LineAvailability> lines(Map<String, Integer> atp) {
            return req.cart().stream()
                    .map(l -> new LineAvailability(l.sku(), l.qty(), Math.min(l.qty(), atp.getOrDefault(l.sku(), 0))))
                    .toList();
        }

        /** When inbound receipts would let this location cover the whole cart; null when they never do. */
        Instant coveredAt(String locationId) {
            Map<String, Integer> atp = atp(locationId);
            Instant when = req.now();
            for (CartLine line : req.cart()) {
                int have = atp.getOrDefault(line.sku(), 0);
                if (have >= line.qty()) {
                    continue;
                }
                Instant lineAt = null;
                List<StockView.Inbound> inbound = new ArrayList<>(stock.inbound(locationId, line.sku()));
                inbound.sort(Comparator.comparing(StockView.Inbound::eta));
                for (StockView.Inbound receipt : inbound) {
                    have += receipt.qty();
                    if (have >= line.qty()) {
                        lineAt = receipt.eta();
                        break;
                    }
                }
                if (lineAt == null) {
                    return null;
                }
                if (lineAt.isAfter(when)) {
                    when = lineAt;
                }
            }
            return when;
        }

        // ---- methods

        List<Option> pickupOptions(FulfillmentMethod method, Capability capability) {
            List<Nearby> stores = candidates.pickup().values().stream()
                    .filter(n -> n.location().has(capability))
                    .sorted(Comparator.comparingDouble(Nearby::distanceKm))
                    .toList();
            List<Option> complete = new ArrayList<>();
            for (Nearby store : stores) {
                String id = store.location().id();
                Map<String, Integer> atp = atp(id);
                if (!covers(atp)) {
                    continue;
                }
                nextPickup(store.location(), req.now())
                        .ifPresent(ready -> complete.add(pickupOption(method, store, atp, ready, source(id))));
            }
            String preferred = req.body().preferredLocationId();
            if (preferred != null) {
                complete.sort(Comparator.comparing(o -> !preferred.equals(o.locationId())));
            }
            List<Option> options = new ArrayList<>(limit(complete));
            if (!complete.isEmpty()) {
                return options;
            }
            pickupSplit(method, stores).ifPresent(options::add);
            options.addAll(nearTimePickups(method, stores));
            return options;
        }

        private Option pickupOption(
                FulfillmentMethod method,
                Nearby store,
                Map<String, Integer> atp,
                PickupScheduler.Ready ready,
                Source source) {
            return new Option(
                    method,
                    store.location().id(),
                    round(store.distanceKm()),
                    true,
                    lines(atp),
                    ready.readyAt(),
                    new Window(ready.readyAt(), ready.windowTo()),
                    null,
                    null,
                    null,
                    null,
                    source,
                    null,
                    null);
        }

        private Optional<Option> pickupSplit(FulfillmentMethod method, List<Nearby> stores) {
            Map<String, PickupScheduler.Ready> readyById = new HashMap<>();
            List<Candidate> planned = new ArrayList<>();
            for (Nearby store : stores) {
                Optional<PickupScheduler.Ready> ready = nextPickup(store.location(), req.now());
                if (ready.isPresent()) {
                    readyById.put(store.location().id(), ready.get());
                    planned.add(new Candidate(
                            store.location(),
                            store.distanceKm(),
                            atp(store.location().id()),
                            0,
                            loadRatio(store.location())));
                }
            }
            Optional<Plan> split = SourcingPlanner.plan(req.cart(), planned, req.policy(), 3).stream()
                    .filter(p -> p.isSplit() && p.complete())
                    .findFirst();
            if (split.isEmpty()) {
                return Optional.empty();
            }
            Plan plan = split.get();
            List<Shipment> shipments = new ArrayList<>();
            Instant readyAt = req.now();
            Instant windowTo = null;
            boolean stale = false;
            for (SourcingPlanner.Shipment part : plan.shipments()) {
                String id = part.from().location().id();
                PickupScheduler.Ready ready = readyById.get(id);
                readyAt = ready.readyAt().isAfter(readyAt) ? ready.readyAt() : readyAt;
                windowTo = windowTo == null || ready.windowTo().isBefore(windowTo) ? ready.windowTo() : windowTo;
                stale |= stale(id);
                shipments.add(new Shipment(id, shipmentLines(part), ready.readyAt(), null, null, null, null));
            }
            SourcingPlanner.Shipment first = plan.shipments().get(0);
            return Optional.of(new Option(
                    method,
                    first.from().location().id(),
                    round(first.from().distanceKm()),
                    true,
                    splitLines(plan),
                    readyAt,
                    new Window(readyAt, windowTo.isAfter(readyAt) ? windowTo : readyAt),
                    null,
                    null,
                    null,
                    null,
                    stale ? Source.NEAR_TIME : Source.LIVE,
                    null,
                    shipments));
        }

        private List<Option> nearTimePickups(FulfillmentMethod method, List<Nearby> stores) {
            List<Option> options = new ArrayList<>();
            for (Nearby store : stores) {
                String id = store.location().id();
                Instant covered = coveredAt(id);
                if (covered == null) {
                    continue;
                }
                nextPickup(store.location(), covered)
                        .ifPresent(ready -> options.add(pickupOption(method, store, atp(id), ready, Source.NEAR_TIME)));
            }
            options.sort(Comparator.comparing(Option::readyAt).thenComparing(Option::distanceKm));
            return limit(options);
        }

        List<Option> lockerOptions() {
            String size = parcelSize();
            List<Option> options = new ArrayList<>();
            for (Nearby locker : candidates.lockers()) {
                if (!hasCompartment(locker.location(), size)) {
                    continue;
                }
                for (Nearby feeder : candidates
                        .lockerFeeders()
                        .getOrDefault(locker.location().id(), List.of())) {
                    String feederId = feeder.location().id();
                    Map<String, Integer> atp = atp(feederId);
                    if (!covers(atp)) {
                        continue;
                    }
                    Optional<Instant> prepared = feeder.location().type() == LocationType.STORE
                            ? nextPickup(feeder.location(), req.now()).map(PickupScheduler.Ready::readyAt)
                            : Optional.of(req.now()
                                    .plus(Duration.ofMinutes(feeder.location().pickupLeadMinutes()))
                                    .plus(extraLead(feederId)));
                    if (prepared.isEmpty()) {
                        continue;
                    }
                    Instant readyAt = prepared.get().plus(config.lockerTransfer());
                    options.add(new Option(
                            FulfillmentMethod.LOCKER,
                            locker.location().id(),
                            round(locker.distanceKm()),
                            true,
                            lines(atp),
                            readyAt,
                            new Window(readyAt, readyAt.plus(config.lockerHold())),
                            null,
                            null,
                            null,
                            null,
                            source(feederId),
                            feederId,
                            null));
                    break;
                }
                if (options.size() >= req.maxLocations()) {
                    break;
                }
            }
            return options;
        }

        private String parcelSize() {
            int largest = 0;
            for (CartLine line : req.cart()) {
                String size = stock.parcelSizeBySku().get(line.sku());
                largest = Math.max(largest, size == null ? 1 : Math.max(0, PARCEL_SIZES.indexOf(size)));
            }
            return PARCEL_SIZES.get(largest);
        }

        private boolean hasCompartment(Location locker, String size) {
            for (int i = PARCEL_SIZES.indexOf(size); i < PARCEL_SIZES.size(); i++) {
                if (locker.compartments().getOrDefault(PARCEL_SIZES.get(i), 0) > 0) {
                    return true;
                }
            }
            return false;
        }

        List<Quote> shipQuotes(String locationId) {
            return quotesByOrigin.getOrDefault(locationId, List.of()).stream()
                    .filter(q -> !SAME_DAY_SERVICE.equals(q.service()))
                    .sorted(Comparator.comparing(Quote::amount))
                    .toList();
        }

        List<Option> shipOptions() {
            List<Candidate> planned = new ArrayList<>();
            for (Nearby n : candidates.ship()) {
                List<Quote> quotes = shipQuotes(n.location().id());
                if (!quotes.isEmpty()) {
                    planned.add(new Candidate(
                            n.location(),
                            n.distanceKm(),
                            atp(n.location().id()),
                            quotes.get(0).amount().doubleValue(),
                            loadRatio(n.location())));
                }
            }
            List<Option> options = new ArrayList<>();
            int locations = 0;
            for (Plan plan : SourcingPlanner.plan(req.cart(), planned, req.policy(), req.maxLocations() + 1)) {
                if (locations >= req.maxLocations()) {
                    break;
                }
                if (plan.isSplit()) {
                    if (plan.complete()) {
                        options.add(shipSplit(plan));
                        locations++;
                    }
                    continue;
                }
                Candidate from = plan.shipments().get(0).from();
                String id = from.location().id();
                for (Quote quote : shipQuotes(id)) {
                    options.add(new Option(
                            FulfillmentMethod.SHIP,
                            id,
                            round(from.distanceKm()),
                            plan.complete(),
                            lines(from.atp()),
                            null,
                            null,
                            quote.carrier(),
                            quote.service(),
                            new Price(quote.amount(), quote.currency()),
                            quote.promisedBy(),
                            source(id),
                            null,
                            null));
                }
                locations++;
            }
            return options;
        }

        private Option shipSplit(Plan plan) {
            List<Shipment> shipments = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            String currency = null;
            LocalDate promisedBy = null;
            boolean stale = false;
            Set<String> carriersUsed = new LinkedHashSet<>();
            Set<String> services = new LinkedHashSet<>();
            for (SourcingPlanner.Shipment part : plan.shipments()) {
                String id = part.from().location().id();
                Quote cheapest = shipQuotes(id).get(0);
                total = total.add(cheapest.amount());
                currency = cheapest.currency();
                if (promisedBy == null
                        || (cheapest.promisedBy() != null
                                && cheapest.promisedBy().isAfter(promisedBy))) {
                    promisedBy = cheapest.promisedBy();
                }
                stale |= stale(id);
                carriersUsed.add(cheapest.carrier());
                services.add(cheapest.service());
                shipments.add(new Shipment(
                        id,
                        shipmentLines(part),
                        null,
                        cheapest.carrier(),
                        cheapest.service(),
                        new Price(cheapest.amount(), cheapest.currency()),
                        cheapest.promisedBy()));
            }
            SourcingPlanner.Shipment first = plan.shipments().get(0);
            return new Option(
                    FulfillmentMethod.SHIP,
                    first.from().location().id(),
                    round(first.from().distanceKm()),
                    true,
                    splitLines(plan),
                    null,
                    null,
                    carriersUsed.size() == 1 ? carriersUsed.iterator().next() : null,
                    services.size() == 1 ? services.iterator().next() : null,
                    new Price(total, currency),
                    promisedBy,
                    stale ? Source.NEAR_TIME : Source.LIVE,
                    null,
                    shipments);
        }

        List<Option> sameDayOptions() {
            List<Option> options = new ArrayList<>();
            for (Nearby store : candidates.sameDay()) {
                Location location = store.location();
                Map<String, Integer> atp = atp(location.id());
                if (!covers(atp)) {
                    continue;
                }
                LocalDate today = req.now().atZone(location.zone()).toLocalDate();
                Optional<Quote> quote = quotesByOrigin.getOrDefault(location.id(), List.of()).stream()
                        .filter(q -> SAME_DAY_SERVICE.equals(q.service()) && today.equals(q.promisedBy()))
                        .min(Comparator.comparing(Quote::amount));
                Optional<PickupScheduler.Ready> ready = nextPickup(location, req.now())
                        .filter(r -> r.readyAt()
                                .atZone(location.zone())
                                .toLocalDate()
                                .equals(today));
                if (quote.isEmpty() || ready.isEmpty()) {
                    continue;
                }
                options.add(new Option(
                        FulfillmentMethod.SAME_DAY,
                        location.id(),
                        round(store.distanceKm()),
                        true,
                        lines(atp),
                        ready.get().readyAt(),
                        null,
                        quote.get().carrier(),
                        quote.get().service(),
                        new Price(quote.get().amount(), quote.get().currency()),
                        quote.get().promisedBy(),
                        source(location.id()),
                        null,
                        null));
                if (options.size() >= req.maxLocations()) {
                    break;
                }
            }
            return options;
        }

        private List<ShipmentLine> shipmentLines(SourcingPlanner.Shipment part) {
            return part.lines().stream()
                    .map(l -> new ShipmentLine(l.sku(), l.qty()))
                    .toList();
        }

        private List<LineAvailability> splitLines(Plan plan) {
            Map<String, Integer> covered = new HashMap<>();
            plan.shipments().forEach(s -> s.lines().forEach(l -> covered.merge(l.sku(), l.qty(), Integer::sum)));
            return lines(covered);
        }

        private List<Option> limit(List<Option> options) {
            return options.size() <= req.maxLocations() ? options : List.copyOf(options.subList(0, req.maxLocations()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static double round(double km) {
        return Math.round(km * 100) / 100.0;
    }
}
