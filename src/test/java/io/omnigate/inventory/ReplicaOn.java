package io.omnigate.inventory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Availability reads the replica (the test default is SQL, because most fixtures write stock with
 * SQL and query at once). No periodic reconciliation: the notices alone must keep it coherent.
 */
public class ReplicaOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "omnigate.inventory.replica.enabled", "true",
                "omnigate.inventory.replica.reconcile-interval", "PT1H");
    }
}
