package io.omnigate.platform.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Test-only span processor: keeps every ended span so tests can see what was traced. */
@Singleton
@Unremovable
public class RecordedSpans implements SpanProcessor {

    private final ConcurrentLinkedQueue<SpanData> ended = new ConcurrentLinkedQueue<>();

    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
