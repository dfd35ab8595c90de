package io.omnigate.carriers;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A carrier's price and delivery date for one service from one origin. */
public record Quote(
        String carrier,
        String service,
        String originLocationId,
        BigDecimal amount,
        String currency,
        LocalDate promisedBy) {}
