package io.omnigate.fulfillment;

import io.omnigate.network.NetworkIndex;
import io.omnigate.orders.FulfillmentStatus;
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
 * locked out for {@code lockout} (429 with Retry-After), so codes cannot be guessed, not even by a
 * burst of parallel requests: each verification holds the point's guard row.
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

    /**
     * Checks the code and hands the parcel over in one transaction that holds the pickup point's
     * guard row from the lockout check to the recorded failure, so parallel wrong codes cannot all
     * pass the check before the first is counted.
     */
    public Uni<FulfillmentApi.HandOver> verify(String locationId, String code, HandOverProof proof) {
        if (network.get(locationId).isEmpty()) {
            throw ProblemException.notFound("Location", locationId);
        }
        return orders.inTransaction(conn -> repository
                        .lockGuard(conn, locationId)
                        .chain(lockedUntil -> {
                            if (lockedUntil.isPresent()) {
                                throw lockedOut(lockedUntil.get());
                            }
                            return repository.codeCandidates(conn, locationId, config.pickupExpiry());
                        })
                        .chain(candidates -> {
                            List<FulfillmentRepository.CodeCandidate> matching = candidates.stream()
                                    .filter(c -> codes.matches(c.id(), code, c.codeHash()))
                                    .toList();
                            Optional<FulfillmentRepository.CodeCandidate> waiting = matching.stream()
                                    .filter(c -> FulfillmentStatus.READY_FOR_PICKUP
                                            .name()
                                            .equals(c.status()))
                                    .findFirst();
                            if (waiting.isPresent()) {
                                return workflow.handOver(conn, waiting.get().id(), locationId, proof)
                                        .map(Outcome::handedOver);
                            }
                            if (!matching.isEmpty()) {
                                throw codeUsed();
                            }
                            return repository
                                    .recordWrongCode(
                                            conn,
                                            locationId,
                                            config.maxFailedCodes(),
                                            config.failureWindow(),
                                            config.lockout())
                                    .map(lockedUntil -> Outcome.refused(wrongCode(locationId, lockedUntil)));
                        }))
                .map(Outcome::handOverOrThrow);
    }

    /** A verification's end: the parcel handed over, or a refusal whose counted failure must commit first. */
    private record Outcome(FulfillmentApi.HandOver handOver, ProblemException refusal) {
        static Outcome handedOver(FulfillmentApi.HandOver handOver) {
            return new Outcome(handOver, null);
        }

        static Outcome refused(ProblemException refusal) {
            return new Outcome(null, refusal);
        }

        FulfillmentApi.HandOver handOverOrThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return handOver;
        }
    }

    private static ProblemException wrongCode(String locationId, Optional<Instant> lockedUntil) {
        if (lockedUntil.isPresent()) {
            return lockedOut(lockedUntil.get());
        }
        return ProblemException.unprocessable(
                "invalid-pickup-code",
                "Pickup code not recognised",
                "No parcel waiting at " + locationId + " has this code.");
    }

    private static ProblemException lockedOut(Instant until) {
        long seconds = Duration.between(Instant.now(), until).toSeconds() + 1;
        return ProblemException.tooManyAttempts(
                "pickup-locked-out",
                "Too many wrong pickup codes at this location; try again in " + seconds + " s.",
                seconds);
    }
}
