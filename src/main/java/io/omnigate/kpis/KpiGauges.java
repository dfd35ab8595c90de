package io.omnigate.kpis;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The live KPIs as Prometheus gauges, over the fulfillments assigned today and yesterday in all
 * locations, recomputed on a timer (every instance shows the same figures: aggregate with max, not sum).
 */
@ApplicationScoped
class KpiGauges {

    /** The figures the gauges read; NaN until the first refresh or when nothing qualifies. */
    record Live(double accuracy, double pickupRate, double pickSeconds, double readySeconds, double fulfillments) {

        static final Live NONE = new Live(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

        static Live of(List<KpiApi.LocationDay> days) {
            long decided = 0, accurate = 0, pickedUp = 0, closed = 0, fulfillments = 0;
            double pickSum = 0, readySum = 0;
            long picks = 0, readies = 0;
            for (KpiApi.LocationDay day : days) {
                fulfillments += day.fulfillments();
                decided += day.decided();
                accurate += day.decided() - day.inaccurate();
                pickedUp += day.pickedUp();
                closed += day.pickedUp() + day.expired();
                if (day.pickTime().count() > 0) {
                    picks += day.pickTime().count();
                    pickSum += day.pickTime().avgSeconds() * day.pickTime().count();
                }
                if (day.timeToReady().count() > 0) {
                    readies += day.timeToReady().count();
                    readySum +=
                            day.timeToReady().avgSeconds() * day.timeToReady().count();
                }
            }
            return new Live(
                    ratio(accurate, decided),
                    ratio(pickedUp, closed),
                    picks == 0 ? Double.NaN : pickSum / picks,
                    readies == 0 ? Double.NaN : readySum / readies,
                    fulfillments);
        }

        private static double ratio(double part, double whole) {
            return whole == 0 ? Double.NaN : part / whole;
        }
    }

    private final KpiRepository repository;
    private final KpisConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicReference<Live> live = new AtomicReference<>(Live.NONE);
    private PeriodicSweep refresh;

    KpiGauges(KpiRepository repository, KpisConfig config, Vertx vertx, Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        gauge(
                registry,
                "omnigate.kpi.accuracy",
                "Packed or rejected fulfillments neither short-picked nor rejected",
                Live::accuracy);
        gauge(registry, "omnigate.kpi.pickup.rate", "Collected parcels among collected and expired", Live::pickupRate);
        gauge(registry, "omnigate.kpi.pick.seconds", "Mean ACCEPTED to PACKED", Live::pickSeconds);
        gauge(registry, "omnigate.kpi.ready.seconds", "Mean assignment to READY_FOR_PICKUP", Live::readySeconds);
        gauge(registry, "omnigate.kpi.fulfillments", "Fulfillments assigned today and yesterday", Live::fulfillments);
    }

    void start(@Observes StartupEvent event) {
        if (!config.liveRefresh().isZero()) {
            refresh = PeriodicSweep.every(vertx, config.liveRefresh(), "KPI gauges", this::refresh);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresh != null) {
            refresh.stop();
        }
    }

    Uni<Live> refresh() {
        LocalDate today = LocalDate.now(clock);
        return repository.days(today.minusDays(1), today, null).map(Live::of).invoke(live::set);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Live> value) {
        Gauge.builder(name, live, ref -> value.applyAsDouble(ref.get()))
                .description(description)
                .register(registry);
    }
}
