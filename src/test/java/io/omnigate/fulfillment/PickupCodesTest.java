package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickupCodesTest {

    private final PickupCodes codes = new PickupCodes("deployment secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void codesAreRandomAndReadable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = codes.newCode();
            assertEquals(PickupCodes.LENGTH, code.length());
            assertTrue(code.chars().allMatch(c -> PickupCodes.ALPHABET.indexOf(c) >= 0), code);
            seen.add(code);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void aSealedCodeOpensOnlyWithTheSameSecretAndUntouched() {
        String sealed = codes.seal("K7Q2M9XD");
        assertFalse(sealed.contains("K7Q2M9XD"));
        assertNotEquals(sealed, codes.seal("K7Q2M9XD"), "a fresh IV every time");
        assertEquals(Optional.of("K7Q2M9XD"), codes.unseal(sealed));
        assertEquals(
                Optional.of("K7Q2M9XD"),
                new PickupCodes("deployment secret".getBytes(StandardCharsets.UTF_8)).unseal(sealed),
                "another instance of the same deployment");
        assertEquals(Optional.empty(), new PickupCodes("other".getBytes(StandardCharsets.UTF_8)).unseal(sealed));

        char[] tampered = sealed.toCharArray();
        tampered[tampered.length - 3] = tampered[tampered.length - 3] == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), codes.unseal(new String(tampered)));
        assertEquals(Optional.empty(), codes.unseal("not base64 !"));
        assertEquals(Optional.empty(), codes.unseal("AAAA"));
        assertEquals(Optional.empty(), codes.unseal(""));
        assertEquals(Optional.empty(), codes.unseal(null));
    }

    @Test
    void hashesAreBoundToTheFulfillmentAndForgiveCaseAndDashes() {
        String hash = codes.hash("F-1", "K7Q2M9XD");
        assertTrue(codes.matches("F-1", "k7q2-m9xd", hash));
        assertFalse(codes.matches("F-2", "K7Q2M9XD", hash));
        assertFalse(codes.matches("F-1", "K7Q2M9XE", hash));
        assertFalse(codes.matches("F-1", "K7Q2M9XD", null));
        assertNotEquals(hash, new PickupCodes("other".getBytes(StandardCharsets.UTF_8)).hash("F-1", "K7Q2M9XD"));
    }
}
