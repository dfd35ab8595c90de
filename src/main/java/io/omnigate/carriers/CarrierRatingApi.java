package io.omnigate.carriers;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON contract omnigate speaks with an external carrier rating service. */
@Path("/quotes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CarrierRatingApi {

    @POST
    Uni<RatingResponse> rate(QuoteRequest request);

    record RatingResponse(List<RatedService> quotes) {}

    record RatedService(
            String originLocationId, String service, BigDecimal amount, String currency, LocalDate promisedBy) {}
}
