package io.omnigate.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a snapshot body (JSON, NDJSON or CSV) to its end into memory, checking every line, before
 * the gateway takes a database connection or the location's lock: a feed that uploads slowly holds
 * nothing shared while its body arrives. Bounded by {@code omnigate.inventory.snapshot-max-lines}.
 */
final class SnapshotReader {

    /** A snapshot read to its end: its date (from the body or the query) and its lines. */
    record Staged(OffsetDateTime asOf, String[] skus, Integer[] counts) {
        int lines() {
            return skus.length;
        }
    }

    private static final Pattern SKU = Pattern.compile(Sku.PATTERN);
    private static final int MAX_ON_HAND = 10_000_000;

    private final ObjectMapper json;
    private final int maxLines;

    SnapshotReader(ObjectMapper json, int maxLines) {
        this.json = json;
        this.maxLines = maxLines;
    }

    Staged read(InputStream body, SnapshotIngest.Format format, OffsetDateTime asOfParam) {
        Lines lines = new Lines();
        OffsetDateTime asOf = format == SnapshotIngest.Format.JSON
                ? readJson(body, asOfParam, lines)
                : readLines(body, format, asOfParam, lines);
        return new Staged(asOf, lines.skus.toArray(String[]::new), lines.counts.toArray(Integer[]::new));
    }

    private OffsetDateTime readJson(InputStream body, OffsetDateTime asOfParam, Lines lines) {
        OffsetDateTime asOf = asOfParam;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("the body must be a JSON object {asOf, items}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("asOf".equals(field) && value == JsonToken.VALUE_STRING) {
                    asOf = parseAsOf(parser.getText());
                } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    readItems(parser, lines);
                } else {
                    parser.skipChildren();
                }
            }
            return asOf;
        } catch (IOException e) {
            throw malformed("the body is not valid JSON");
        }
    }

    private void readItems(JsonParser parser, Lines lines) throws IOException {
        int line = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            line++;
            String sku = null;
            Integer onHand = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("sku".equals(name) && token == JsonToken.VALUE_STRING) {
                    sku = parser.getText();
                } else if ("onHand".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
                    onHand = parser.getIntValue();
                } else if ("sku".equals(name) || "onHand".equals(name)) {
                    throw lineError(line, name + " has the wrong type");
                } else {
                    parser.skipChildren();
                }
            }
            lines.add(line, sku, onHand);
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw malformed("items must be an array of {sku, onHand} objects");
        }
    }

    private OffsetDateTime readLines(InputStream body, SnapshotIngest.Format format, OffsetDateTime asOf, Lines lines) {
        boolean csv = format == SnapshotIngest.Format.CSV;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                String trimmed = text.strip();
                if (trimmed.isEmpty()
                        || (csv && line == 1 && trimmed.toLowerCase().startsWith("sku"))) {
                    continue;
                }
                if (csv) {
                    String[] cells = trimmed.split(",", -1);
                    if (cells.length != 2) {
                        throw lineError(line, "expected 'sku,onHand'");
                    }
                    lines.add(line, cells[0].strip(), parseCount(line, cells[1].strip()));
                } else {
                    NdjsonLine parsed = ndjson(line, trimmed);
                    lines.add(line, parsed.sku(), parsed.onHand());
                }
            }
            return asOf;
        } catch (IOException e) {
            throw malformed("the body could not be read");
        }
    }

    private NdjsonLine ndjson(int line, String text) {
        try {
            return json.readValue(text, NdjsonLine.class);
        } catch (IOException e) {
            throw lineError(line, "not a JSON object {sku, onHand}");
        }
    }

    record NdjsonLine(String sku, Integer onHand) {}

    /** The lines read so far, each checked as it arrives. */
    private final class Lines {
        private final List<String> skus = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        void add(int line, String sku, Integer onHand) {
            if (sku == null || !SKU.matcher(sku).matches()) {
                throw lineError(line, "sku is missing or malformed");
            }
            if (onHand == null || onHand < 0 || onHand > MAX_ON_HAND) {
                throw lineError(line, "onHand must be a whole number from 0 to " + MAX_ON_HAND);
            }
            if (!seen.add(sku)) {
                throw ProblemException.invalid("items", "a SKU appears more than once in the snapshot");
            }
            if (skus.size() >= maxLines) {
                throw new ProblemException(
                        413,
                        "payload-too-large",
                        "Payload too large",
                        "A snapshot holds at most " + maxLines + " lines (omnigate.inventory.snapshot-max-lines).");
            }
            skus.add(sku);
            counts.add(onHand);
        }
    }

    /** Slices of {@code staged} of at most {@code size} lines, for batched inserts. */
    static List<Object[][]> batches(Staged staged, int size) {
        List<Object[][]> batches = new ArrayList<>();
        for (int from = 0; from < staged.lines(); from += size) {
            int to = Math.min(staged.lines(), from + size);
            batches.add(new Object[][] {
                Arrays.copyOfRange(staged.skus(), from, to), Arrays.copyOfRange(staged.counts(), from, to)
            });
        }
        return batches;
    }

    private static Integer parseCount(int line, String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw lineError(line, "onHand must be a whole number");
        }
    }

    static OffsetDateTime parseAsOf(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(
                    "asOf", "must be an ISO-8601 timestamp with offset, e.g. 2026-11-22T08:00:00Z");
        }
    }

    private static ProblemException lineError(int line, String message) {
        return ProblemException.invalid("items[" + line + "]", "line " + line + ": " + message);
    }

    private static ProblemException malformed(String message) {
        return new ProblemException(400, "malformed-body", "Malformed snapshot", message);
    }
}
