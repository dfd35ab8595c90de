package io.omnigate.kpis;

import io.omnigate.platform.ProblemException;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Operators and store managers read fulfillment KPIs per location and day. */
@Path("/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kpis")
public class KpiResource {

    private final KpiRepository repository;
    private final KpisConfig config;
    private final CallerScope caller;
    private final Clock clock;

    KpiResource(KpiRepository repository, KpisConfig config, CallerScope caller, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.STORE_DEVICE})
    @Operation(
            operationId = "getKpis",
            summary = "Accuracy, pick time, time to ready and to delivery, pickup vs expiry, curb wait and reject"
                    + " reasons per location and local day; a store device sees only its own location")
    public Uni<KpiApi.Report> kpis(
            @Parameter(description = "First day (ISO date), default 6 days before to") @RestQuery String from,
            @Parameter(description = "Last day (ISO date), default today (UTC)") @RestQuery String to,
            @Parameter(description = "One location; a store device's own by default") @RestQuery String locationId) {
        LocalDate last = date("to", to, LocalDate.now(clock));
        LocalDate first = date("from", from, last.minusDays(6));
        if (first.isAfter(last)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= config.maxDays()) {
            throw ProblemException.invalid("to", "at most " + config.maxDays() + " days after from");
        }
        String location = locationId;
        if (!caller.isAdmin()) {
            String own = caller.locationId().orElseThrow(ProblemException::forbidden);
            if (location != null && !location.equals(own)) {
                throw ProblemException.forbidden();
            }
            location = own;
        }
        String scope = location;
        return repository.days(first, last, scope).map(days -> new KpiApi.Report(first, last, scope, days));
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 2000 || date.getYear() > 2999) {
                throw ProblemException.invalid(field, "a date between 2000 and 2999");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "an ISO date such as 2026-11-27");
        }
    }
}
