package io.omnigate.orders;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The same burst with hot-row batching off: every placement its own flight, the same answers. */
@QuarkusTest
@TestProfile(HotRowBurstUnbatchedTest.Unbatched.class)
class HotRowBurstUnbatchedTest extends HotRowBurstTest {

    /** {@code omnigate.orders.hot-row.enabled=false}. */
    public static class Unbatched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnigate.orders.hot-row.enabled", "false");
        }
    }

    @Override
    boolean batched() {
        return false;
    }
}
