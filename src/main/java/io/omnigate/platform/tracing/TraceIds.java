package io.omnigate.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C trace id of the work in progress, as logs and problem answers show it. */
public final class TraceIds {

    private TraceIds() {}

    /** The current span's trace id (32 hex digits), or {@code null} outside any trace. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
