package io.omnigate.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.DelayedHandler;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @Test
    void aLineIsOneJsonObjectWithTheTraceOfItsRequest() throws Exception {
        ExtLogRecord record =
                new ExtLogRecord(Level.WARN, "order %s refused: \"%s\"", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] {"O-1", "line\nbreak"});
        record.setLoggerName("io.omnigate.orders");
        record.setMdc(Map.of("traceId", "0af7651916cd43dd8448eb211c80319c", "spanId", "b7ad6b7169203331"));
        record.setThrown(new IllegalStateException("boom"));

        String line = new JsonLogFormatter().format(record);

        assertTrue(line.endsWith("}\n"), line);
        assertEquals(1, line.strip().lines().count(), "one physical line: " + line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARN", json.get("level").asText());
        assertEquals("io.omnigate.orders", json.get("loggerName").asText());
        assertEquals("order O-1 refused: \"line\nbreak\"", json.get("message").asText());
        assertEquals("0af7651916cd43dd8448eb211c80319c", json.get("traceId").asText());
        assertEquals("b7ad6b7169203331", json.get("spanId").asText());
        assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(json.get("timestamp").asText().endsWith("Z"));
    }

    @Test
    void outsideARequestThereIsNoTraceId() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "started", JsonLogFormatter.class.getName());
        JsonNode json = new ObjectMapper().readTree(new JsonLogFormatter().format(record));
        assertFalse(json.has("traceId"));
        assertFalse(json.has("exception"));
        assertEquals("started", json.get("message").asText());
    }

    @Test
    void consolesNestedInQuarkusDelayedHandlerAreFound() {
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        DelayedHandler delayed = new DelayedHandler();
        delayed.addHandler(console);
        try {
            assertEquals(List.of(console), JsonLogs.consoles(new Handler[] {delayed}));
        } finally {
            delayed.close();
        }
    }
}
