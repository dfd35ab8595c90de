package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Carriage;
import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Price;
import io.omnigate.carriers.Quote;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.routing.SourcingPlanner;
import io.omnigate.routing.SourcingPlanner.Candidate;
import io.omnigate.routing.SourcingPlanner.Plan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SHIP options (one per carrier service from each planned origin, or a split) and SAME_DAY options. */
final class ShipOptions {

    private ShipOptions() {}

    static List<Option> ship(OptionInputs in) {
        PromisableStock stock = in.stock();
        List<Candidate> planned = new ArrayList<>();
        for (Nearby n : in.candidates().ship()) {
            List<Quote> quotes = in.quotes().parcel(n.location().id());
            if (!quotes.isEmpty()) {
                planned.add(new Candidate(
                        n.location(),
                        n.distanceKm(),
                        stock.atp(n.location().id()),
                        quotes.get(0).amount().doubleValue(),
                        stock.loadRatio(n.location())));
            }
        }
        int maxLocations = in.query().maxLocations();
        List<Option> options = new ArrayList<>();
        int locations = 0;
        for (Plan plan :
                SourcingPlanner.plan(in.query().cart(), planned, in.query().policy(), maxLocations + 1)) {
            if (locations >= maxLocations) {
                break;
            }
            if (plan.isSplit()) {
                if (plan.complete()) {
                    options.add(SplitOptions.ship(in, plan));
                    locations++;
                }
                continue;
            }
            Candidate from = plan.shipments().get(0).from();
            String id = from.location().id();
            for (Quote quote : in.quotes().parcel(id)) {
                options.add(Option.delivered(
                        FulfillmentMethod.SHIP,
                        id,
                        OptionInputs.round(from.distanceKm()),
                        plan.complete(),
                        stock.lines(from.atp()),
                        null,
                        carriage(quote),
                        stock.source(id)));
            }
            locations++;
        }
        return options;
    }

    static List<Option> sameDay(OptionInputs in) {
        PromisableStock stock = in.stock();
        List<Option> options = new ArrayList<>();
        for (Nearby store : in.candidates().sameDay()) {
            Location location = store.location();
            Map<String, Integer> atp = stock.atp(location.id());
            if (!stock.covers(atp)) {
                continue;
            }
            LocalDate today = in.query().now().atZone(location.zone()).toLocalDate();
            Optional<Quote> quote = in.quotes().sameDay(location.id(), today);
            Optional<PickupScheduler.Ready> ready = stock.nextPickup(
                            location, in.query().now())
                    .filter(r ->
                            r.readyAt().atZone(location.zone()).toLocalDate().equals(today));
            if (quote.isEmpty() || ready.isEmpty()) {
                continue;
            }
            options.add(Option.delivered(
                    FulfillmentMethod.SAME_DAY,
                    location.id(),
                    OptionInputs.round(store.distanceKm()),
                    true,
                    stock.lines(atp),
                    ready.get().readyAt(),
                    carriage(quote.get()),
                    stock.source(location.id())));
            if (options.size() >= in.query().maxLocations()) {
                break;
            }
        }
        return options;
    }

    private static Carriage carriage(Quote quote) {
        return new Carriage(
                quote.carrier(), quote.service(), new Price(quote.amount(), quote.currency()), quote.promisedBy());
    }
}
