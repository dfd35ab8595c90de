package io.omnigate.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Draws requests for one OpenAPI operation: path, query, headers and body, mostly shaped like the
 * schema (so they get past parsing into the code) and salted with hostile values (NUL bytes,
 * control characters, huge numbers, wrong types, dates at the end of time, broken JSON).
 * Strings come from jqwik's generators; {@code known} holds ids of real fixtures so valid-looking
 * requests reach real rows.
 */
final class FuzzRequests {

    record Operation(String method, String path, JsonNode spec) {}

    record Request(String method, String path, Map<String, String> headers, byte[] body) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int GEN_SIZE = 1000;
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/json",
            "text/csv",
            "application/x-ndjson",
            "text/plain",
            "application/xml",
            "application/json; charset=ISO-8859-1",
            "multipart/form-data; boundary=x",
            "x/y/z;;=");
    private static final List<String> RAW_BODIES = List.of(
            "",
            "{",
            "[",
            "null",
            "\"\"",
            "{\"a\":",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "1e999999",
            "{\"items\":[{\"sku\":\"x\",\"onHand\":1e400}]}",
            "sku,onHand\nA,1\nB,x\n",
            "\u0000\u0001\u0002",
            "{\"\\u0000\":\"\\u0000\"}");
    private static final List<String> DATES = List.of(
            "2026-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "+999999999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z",
            "2026-11-27T10:00:00+18:00",
            "yesterday");
    private static final List<Object> NUMBERS = List.of(
            0, -1, 1, 2, 3, 59, 61, 100, 2147483647, -2147483648, 9223372036854775807L, 1e308, -1e308, 0.5, 1e-300);

    private final ObjectMapper json;
    private final JsonNode components;
    private final List<String> known;
    private final Random random;
    private final Arbitrary<String> text = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().alpha().numeric().withChars("-_.:/%@ ").ofMaxLength(70),
            Arbitraries.strings()
                    .withCharRange('\u0000', '\u001f')
                    .ofMinLength(1)
                    .ofMaxLength(5),
            Arbitraries.strings().ascii().ofLength(3000));

    FuzzRequests(ObjectMapper json, JsonNode openApi, List<String> known, Random random) {
        this.json = json;
        this.components = openApi.path("components").path("schemas");
        this.known = known;
        this.random = random;
    }

    static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (List.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    Request draw(Operation operation) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (!"path".equals(in) && chance(4)) {
                continue;
            }
            String value = scalar(parameter.path("schema"));
            switch (in) {
                case "path" -> path = path.replace("{" + name + "}", encode(value));
                case "query" ->
                    query.append(query.length() == 0 ? '?' : '&')
                            .append(encode(name))
                            .append('=')
                            .append(encode(value));
                case "header" -> headers.put(name, headerSafe(value));
                default -> {}
            }
        }
        if (chance(8)) {
            query.append(query.length() == 0 ? '?' : '&')
                    .append(encode(draw(text)))
                    .append("=%00");
        }
        if (chance(3) || operation.spec().has("requestBody")) {
            headers.put("Idempotency-Key", headerSafe(chance(2) ? "fuzz-" + random.nextLong() : draw(text)));
        }
        byte[] body = null;
        if (operation.spec().has("requestBody") || chance(10)) {
            headers.put("Content-Type", pick(CONTENT_TYPES));
            body = body(operation.spec().path("requestBody"));
        }
        return new Request(operation.method(), path + query, headers, body);
    }

    private byte[] body(JsonNode requestBody) {
        if (chance(6)) {
            return pick(RAW_BODIES).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode schema = requestBody.path("content").path("application/json").path("schema");
        try {
            return json.writeValueAsBytes(value(schema, 0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON value for {@code schema}: mostly of its shape, sometimes anything at all. */
    JsonNode value(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (chance(8) || depth > 6) {
            return hostile(depth);
        }
        String type = type(resolved);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields =
                        resolved.path("properties").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!chance(6)) {
                        object.set(field.getKey(), value(field.getValue(), depth + 1));
                    }
                }
                if (chance(10)) {
                    object.put(draw(text), draw(text));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = chance(12) ? 200 : random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(value(resolved.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return json.valueToTree(pick(NUMBERS));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(scalar(resolved));
            }
        }
    }

    private JsonNode hostile(int depth) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(draw(text));
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.arrayNode().add(NODES.textNode("\u0000"));
            case 4 -> depth > 20 ? NODES.objectNode() : NODES.objectNode().set("x", hostile(depth + 1));
            case 5 -> NODES.booleanNode(true);
            default -> NODES.textNode(pick(known));
        };
    }

    /** A string for a parameter or string field: enum values, known ids, dates, numbers or jqwik text. */
    String scalar(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        List<String> choices = new ArrayList<>();
        resolved.path("enum").forEach(e -> choices.add(e.asText()));
        if (!choices.isEmpty() && !chance(4)) {
            return pick(choices);
        }
        String format = resolved.path("format").asText("");
        if (format.contains("date") && !chance(4)) {
            return pick(DATES);
        }
        String type = type(resolved);
        if (("integer".equals(type) || "number".equals(type)) && !chance(4)) {
            return String.valueOf(pick(NUMBERS));
        }
        return switch (random.nextInt(4)) {
            case 0, 1 -> pick(known);
            case 2 -> pick(known) + (chance(2) ? "\u0000" : ",-45.5,9e99");
            default -> draw(text);
        };
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 8; i++) {
            if (current.has("$ref")) {
                String ref = current.get("$ref").asText();
                current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (current.has("allOf")) {
                current = current.get("allOf").get(0);
            } else if (current.has("oneOf") || current.has("anyOf")) {
                JsonNode options = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
                current = options.get(random.nextInt(options.size()));
            } else {
                return current;
            }
        }
        return current;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Header values must be visible ASCII for the client to send them at all. */
    private static String headerSafe(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?").strip();
        return cleaned.isEmpty() ? "x" : cleaned;
    }

    private String draw(Arbitrary<String> arbitrary) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }
}
