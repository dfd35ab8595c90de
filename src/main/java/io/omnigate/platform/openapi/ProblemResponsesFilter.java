package io.omnigate.platform.openapi;

import io.omnigate.platform.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Describes the RFC 9457 answers in the published document: a {@code Problem} schema, every 4xx
 * and 5xx response as {@code application/problem+json}, and 401/403 on every {@code /v1} operation
 * (all of them take a token), so generated clients can read errors.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String SCHEMA_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/") || item.getOperations() == null) {
                return;
            }
            item.getOperations().values().forEach(ProblemResponsesFilter::describeProblems);
        });
    }

    private static void describeProblems(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        addIfMissing(responses, "401", "No valid bearer token");
        addIfMissing(responses, "403", "The token does not reach this resource");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            char first = entry.getKey().charAt(0);
            if (first == '4' || first == '5') {
                entry.getValue().setContent(problemContent());
            }
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(SCHEMA_REF)));
    }

    private static Schema fieldErrorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One offending field of a bad request")
                .addProperty("field", text)
                .addProperty("message", text);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().ref("#/components/schemas/FieldError");
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem; type is stable across releases, errors lists each bad field")
                .addProperty("type", text)
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                        "traceId",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("W3C trace id of the request, for support tickets"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError));
    }
}
