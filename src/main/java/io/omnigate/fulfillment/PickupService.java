package io.omnigate.fulfillment;

import io.omnigate.network.NetworkIndex;
import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A locker, kiosk or store counter checks a pickup code and hands the parcel over. Wrong codes are
 * counted per pickup point; past {@code max-failed-codes} within {@code failure-window} the point is
 * locked out for {@code lockout} (429 with Retry-After), so codes cannot be guessed.
 */
@ApplicationScoped
public class PickupService {

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final FulfillmentWorkflow workflow;
    private final PickupCodes codes;
    private final NetworkIndex network;
    private final FulfillmentConfig config;

    PickupService(
            OrderRepository orders,
            FulfillmentRepository repository,
            FulfillmentWorkflow workflow,
            PickupCodes codes,
            NetworkIndex network,
            FulfillmentConfig config) {
        this.orders = orders;
        this.repository = repository;
        this.workflow = workflow;
        this.codes = codes;
        this.network = network;
        this.config = config;
    }

    static ProblemException codeUsed() {
        return ProblemException.conflict(
                "pickup-code-used", "Pickup code already used", "This parcel has already been collected.");
    }

    public Uni<FulfillmentApi.HandOver> verify(String locationId, String code) {
        if (network.get(locationId).isEmpty()) {
            throw ProblemException.notFound("Location", locationId);
        }
        return orders.pool()
                .withConnection(conn -> repository.lockedUntil(conn, locationId))
                .invoke(lockedUntil -> lockedUntil.ifPresent(until -> {
                    throw lockedOut(until);
                }))
                .chain(() -> orders.pool()
                        .withConnection(conn -> repository.codeCandidates(conn, locationId, config.pickupExpiry())))
                .chain(candidates -> {
                    List<FulfillmentRepository.CodeCandidate> matching = candidates.stream()
                            .filter(c -> codes.matches(c.id(), code, c.codeHash()))
                            .toList();
                    Optional<FulfillmentRepository.CodeCandidate> waiting = matching.stream()
                            .filter(c -> "READY_FOR_PICKUP".equals(c.status()))
                            .findFirst();
                    if (waiting.isPresent()) {
                        return workflow.handOver(waiting.get().id(), locationId);
                    }
                    if (!matching.isEmpty()) {
                        throw codeUsed();
                    }
                    return wrongCode(locationId);
                });
    }

    /** Counts the wrong code in its own transaction, which commits although the request fails. */
    private Uni<FulfillmentApi.HandOver> wrongCode(String locationId) {
        return orders.pool()
                .withTransaction(conn -> repository.recordWrongCode(
                        conn, locationId, config.maxFailedCodes(), config.failureWindow(), config.lockout()))
                .map(lockedUntil -> {
                    if (lockedUntil.isPresent()) {
                        throw lockedOut(lockedUntil.get());
                    }
                    throw ProblemException.unprocessable(
                            "invalid-pickup-code",
                            "Pickup code not recognised",
                            "No parcel waiting at " + locationId + " has this code.");
                });
    }

    private static ProblemException lockedOut(Instant until) {
        long seconds = Duration.between(Instant.now(), until).toSeconds() + 1;
        return ProblemException.tooManyAttempts(
                "pickup-locked-out",
                "Too many wrong pickup codes at this location; try again in " + seconds + " s.",
                seconds);
    }
}
