package io.omnigate.platform.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/** {@code omnigate.log.json=true} puts the running application's console on JSON lines. */
@QuarkusTest
@TestProfile(JsonLogsSwitchTest.JsonLogsOn.class)
class JsonLogsSwitchTest {

    @Test
    void theConsoleWritesJsonOnceTheAppHasStarted() {
        List<ConsoleHandler> consoles =
                JsonLogs.consoles(LogContext.getLogContext().getLogger("").getHandlers());
        assertFalse(consoles.isEmpty(), "Quarkus' console handler");
        assertTrue(
                consoles.stream().allMatch(c -> c.getFormatter() instanceof JsonLogFormatter),
                "JSON formatter on every console: " + consoles);
    }

    public static class JsonLogsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnigate.log.json", "true");
        }
    }
}
