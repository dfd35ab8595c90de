package io.omnigate.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checkout call skips Bean Validation when {@link AvailabilityRequest#plainlyValid()} says a
 * body is fine, so the hand check must agree with the annotations: over random bodies built from
 * every constraint's edges, it says valid exactly when the validator finds nothing.
 */
class AvailabilityRequestCheckTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static final String[] SKUS = {
        "SKU-00001",
        "a",
        "A.b_c-9",
        "x".repeat(64),
        "x".repeat(65),
        "",
        " ",
        "-lead",
        ".lead",
        "has space",
        "SKU\u00001",
        "caf\u00e9",
        null
    };
    private static final Integer[] QTYS = {1, 2, 100_000, 100_001, 0, -1, null};
    private static final Double[] LATS = {0.0, 45.46, 90.0, -90.0, 90.000001, -90.000001, 1e9, Double.NaN, null};
    private static final Double[] LONS = {0.0, 9.19, 180.0, -180.0, 180.000001, -180.000001, null};
    private static final String[] POSTAL = {null, "", "20121", "1".repeat(16), "1".repeat(17)};
    private static final String[] COUNTRY = {null, "", "IT", "ITA"};
    private static final String[] PREFERRED = {null, "", "ST-0001", "s".repeat(64), "s".repeat(65)};
    private static final Integer[] MAX_LOCATIONS = {null, 1, 3, 20, 0, 21, -5};
    private static final Integer[] DEADLINES = {null, 50, 800, 5000, 49, 5001};
    private static final int[] LINE_COUNTS = {1, 2, 5, 200, 0, 201, -1};

    @Test
    void theHandCheckSaysValidExactlyWhenTheAnnotationsFindNothing() {
        SplittableRandom random = new SplittableRandom(11);
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 20_000; i++) {
            AvailabilityRequest request = request(random);
            boolean annotationsHold = validator.validate(request).isEmpty();
            assertEquals(annotationsHold, request.plainlyValid(), () -> "disagree on " + request);
            if (annotationsHold) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertTrue(valid > 1_000 && invalid > 1_000, "both kinds drawn: " + valid + " valid, " + invalid + " not");
    }

    /** Each field is usually valid, so that a body with exactly one thing wrong is common. */
    private static AvailabilityRequest request(SplittableRandom random) {
        int lineCount = pick(random, LINE_COUNTS);
        List<AvailabilityRequest.Line> lines = lineCount < 0 ? null : new ArrayList<>();
        for (int l = 0; l < lineCount; l++) {
            lines.add(
                    random.nextInt(400) == 0
                            ? null
                            : new AvailabilityRequest.Line(usually(random, SKUS), usually(random, QTYS)));
        }
        AvailabilityRequest.Destination destination = random.nextInt(30) == 0
                ? null
                : new AvailabilityRequest.Destination(
                        usually(random, LATS),
                        usually(random, LONS),
                        usually(random, POSTAL),
                        usually(random, COUNTRY));
        return new AvailabilityRequest(
                lines,
                destination,
                methods(random),
                usually(random, PREFERRED),
                usually(random, MAX_LOCATIONS),
                usually(random, DEADLINES));
    }

    private static Set<FulfillmentMethod> methods(SplittableRandom random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return null;
        }
        List<FulfillmentMethod> all = new ArrayList<>(Arrays.asList(FulfillmentMethod.values()));
        Set<FulfillmentMethod> methods = new HashSet<>();
        int count = random.nextInt(all.size() + 1);
        for (int m = 0; m < count; m++) {
            methods.add(all.get(random.nextInt(all.size())));
        }
        if (kind == 1) {
            methods.add(null);
        }
        return methods;
    }

    /** The first, valid values most of the time; any value now and then. */
    private static <T> T usually(SplittableRandom random, T[] values) {
        return random.nextInt(12) == 0 ? values[random.nextInt(values.length)] : values[random.nextInt(3)];
    }

    private static int pick(SplittableRandom random, int[] values) {
        return random.nextInt(6) == 0 ? values[random.nextInt(values.length)] : values[random.nextInt(3)];
    }
}
