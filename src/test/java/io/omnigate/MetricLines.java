package io.omnigate;

/**
 * Reading a sample line of {@code /q/metrics}. With tracing on, a counter's line may end in an
 * OpenMetrics exemplar ({@code value # {trace_id="..."} 1.0 1764280573.123}), so the value is the
 * first field after the name and labels, not the last one on the line.
 */
public final class MetricLines {

    private MetricLines() {}

    public static double value(String line) {
        int labelsEnd = line.indexOf('}');
        String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(line.indexOf(' '))).strip();
        int end = rest.indexOf(' ');
        return Double.parseDouble(end < 0 ? rest : rest.substring(0, end));
    }
}
