package io.omnigate.carriers;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** A way to move parcels that can price and promise a delivery; availability asks every one in parallel. */
public interface Carrier {

    /** Stable name, shown in options and warnings. */
    String name();

    /** Quotes for every origin in the request that this carrier serves; an origin it does not serve has none. */
    Uni<List<Quote>> quote(QuoteRequest request);
}
