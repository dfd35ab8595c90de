package io.omnigate.fulfillment;

import io.omnigate.platform.DatabaseOutage;
import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
import io.omnigate.platform.ProblemMappers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Bulk transitions, one after the other, each in its own transaction: an item that fails leaves
 * the others as they are. The outcome lists every item in request order.
 */
@ApplicationScoped
class BulkTransitions {

    private static final Logger LOG = Logger.getLogger(BulkTransitions.class);

    private final FulfillmentWorkflow workflow;

    BulkTransitions(FulfillmentWorkflow workflow) {
        this.workflow = workflow;
    }

    Uni<FulfillmentApi.BulkResult> apply(List<FulfillmentApi.BulkItem> items, FulfillmentWorkflow.Caller caller) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> Uni.createFrom()
                        .deferred(() -> workflow.transition(item.fulfillmentId(), item.toRequest(), caller))
                        .map(r -> new FulfillmentApi.BulkOutcome(
                                item.fulfillmentId(),
                                item.to(),
                                200,
                                r.fulfillment().status(),
                                r.order().id(),
                                r.order().status(),
                                null))
                        // A database outage fails the whole batch (503): the items after it would fail too.
                        .onFailure(failure -> !DatabaseOutage.causedBy(failure))
                        .recoverWithItem(failure -> failed(item, failure)))
                .collect()
                .asList()
                .map(outcomes -> {
                    int ok = (int)
                            outcomes.stream().filter(o -> o.status() == 200).count();
                    return new FulfillmentApi.BulkResult(ok, outcomes.size() - ok, outcomes);
                });
    }

    private static FulfillmentApi.BulkOutcome failed(FulfillmentApi.BulkItem item, Throwable failure) {
        ProblemException problem = ProblemMappers.expected(failure, 0).orElseGet(() -> {
            LOG.errorf(failure, "Bulk transition of %s failed", item.fulfillmentId());
            return new ProblemException(500, "internal", "Internal error", "This transition failed; it was logged.");
        });
        Problem body = problem.toProblem("/v1/fulfillments/" + item.fulfillmentId() + "/transitions");
        return new FulfillmentApi.BulkOutcome(
                item.fulfillmentId(), item.to(), problem.status(), null, null, null, body);
    }
}
