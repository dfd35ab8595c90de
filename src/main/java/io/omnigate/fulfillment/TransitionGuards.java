package io.omnigate.fulfillment;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.ProblemException;

/**
 * What the state machine allows but this API does not: checked before a transition changes
 * anything, so a refused request leaves no trace.
 */
final class TransitionGuards {

    private TransitionGuards() {}

    /** The request itself: a known status, and short-pick lines only with a rejection; its status. */
    static FulfillmentStatus checkRequest(FulfillmentApi.TransitionRequest request) {
        FulfillmentStatus to = FulfillmentStateMachine.parse("to", request.to());
        if (to != FulfillmentStatus.REJECTED
                && request.lines() != null
                && !request.lines().isEmpty()) {
            throw ProblemException.invalid("lines", "are only accepted with to REJECTED (a short pick)");
        }
        return to;
    }

    /**
     * A parcel in a locker compartment leaves only against its code (the verify endpoint), any
     * other pickup only at its pickup point, and expiry is the job's (admins may still expire by hand).
     */
    static void refuseOutsideTheApi(
            OrderRepository.StoredFulfillment f, FulfillmentStatus to, FulfillmentWorkflow.Caller caller) {
        if (to == FulfillmentStatus.EXPIRED && !caller.admin()) {
            throw ProblemException.unprocessable(
                    "expiry-is-automatic",
                    "Expiry is automatic",
                    "Parcels expire by themselves once not collected within the pickup expiry; only an admin"
                            + " expires one by hand.");
        }
        if (to != FulfillmentStatus.PICKED_UP) {
            return;
        }
        if (f.compartment() != null) {
            throw ProblemException.conflict(
                    "pickup-code-required",
                    "Pickup code required",
                    "Fulfillment " + f.id() + " waits in compartment " + f.compartment() + " at "
                            + f.pickupLocationId() + "; it is handed over only against its pickup code"
                            + " (POST /v1/locations/" + f.pickupLocationId() + "/pickups/verify).");
        }
        if (!caller.isAt(f.pickupLocationId())) {
            throw new ProblemException(
                    403,
                    "not-the-pickup-location",
                    "Not the pickup location",
                    "Fulfillment " + f.id() + " waits at " + f.pickupLocationId()
                            + "; only that location hands it over.");
        }
    }
}
