package io.omnigate.carriers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in table-rate carrier and the HTTP carriers availability asks for quotes. */
@ConfigMapping(prefix = "omnigate.carriers")
public interface CarriersConfig {

    /** The carrier whose prices and promises come from this file. */
    TableRate tableRate();

    /** HTTP rating services by carrier name (see the README for their JSON contract). */
    Map<String, Http> http();

    /** How long a quote from an HTTP carrier is reused for the same question. */
    @WithDefault("PT30S")
    Duration quoteCacheTtl();

    /** Most cached quote answers held per HTTP carrier. */
    @WithDefault("10000")
    int quoteCacheMaxEntries();

    interface TableRate {
        /** Whether the table-rate carrier is offered at all. */
        @WithDefault("true")
        boolean enabled();

        /** Name shown as the option's carrier. */
        @WithDefault("omnigate-post")
        String name();

        /** Currency of every price in the table. */
        @WithDefault("EUR")
        String currency();

        /** Days the carrier collects and delivers. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> workingDays();

        /** Dates the carrier neither collects nor delivers. */
        Optional<List<LocalDate>> holidays();

        /** Services by name (STANDARD, EXPRESS, SAME_DAY). */
        Map<String, Service> services();
    }

    interface Service {
        /** Parcels handed over at or after this local time (ship-from zone) leave on the next working day. */
        LocalTime cutOff();

        /** Working days between dispatch and delivery; 0 delivers on the dispatch day. */
        int transitDays();

        /** Prices by distance, nearest band first; beyond the last band the service is not offered. */
        List<Band> bands();
    }

    interface Band {
        /** Upper distance bound of this band, in km. */
        double maxKm();

        /** Price of one parcel in this band. */
        BigDecimal price();
    }

    interface Http {
        /** Base URL of the carrier's rating service; quotes are POSTed to {@code <url>/quotes}. */
        URI url();

        /** Longest wait for one rating call. */
        @WithDefault("PT0.5S")
        Duration timeout();

        /** Calls in flight at once; more wait in a short queue, then are refused. */
        @WithDefault("20")
        int bulkhead();

        /** Calls waiting for a bulkhead slot. */
        @WithDefault("20")
        int bulkheadQueue();

        /** Calls the circuit breaker looks at before judging the failure ratio. */
        @WithDefault("4")
        int circuitRequestVolume();

        /** Failure ratio that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long the circuit stays open before a trial call. */
        @WithDefault("PT10S")
        Duration circuitDelay();
    }
}
