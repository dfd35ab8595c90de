package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import java.util.List;

/**
 * Everything the option builders read: the request (with its instant), its candidates, the stock
 * as it may be promised, the carriers' quotes and the promise rules. Nothing here does I/O.
 */
record OptionInputs(
        AvailabilityQuery query,
        Candidates candidates,
        PromisableStock stock,
        CarrierQuotes quotes,
        PromiseRules rules) {

    /** At most the request's {@code maxLocations} options, in order. */
    List<Option> limit(List<Option> options) {
        return options.size() <= query.maxLocations() ? options : List.copyOf(options.subList(0, query.maxLocations()));
    }

    static double round(double km) {
        return Math.round(km * 100) / 100.0;
    }
}
