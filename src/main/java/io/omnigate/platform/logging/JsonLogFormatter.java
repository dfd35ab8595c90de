package io.omnigate.platform.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One JSON object per log line, for log pipelines that parse rather than read: time, level,
 * logger, thread, message, the trace and span ids of the request (from the MDC OpenTelemetry fills)
 * and the stack trace of an exception. Ours because {@code quarkus-logging-json}'s build-time half
 * is not served by the Maven repository this build uses.
 */
public final class JsonLogFormatter extends ExtFormatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(ExtLogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField(
                    "timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("loggerName", record.getLoggerName());
            json.writeStringField("threadName", record.getThreadName());
            json.writeStringField("message", record.getFormattedMessage());
            writeIfPresent(json, "traceId", record.getMdc("traceId"));
            writeIfPresent(json, "spanId", record.getMdc("spanId"));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("exception", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append('\n').toString();
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }
}
