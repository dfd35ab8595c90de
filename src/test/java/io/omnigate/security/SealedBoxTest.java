package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealedBoxTest {

    private static final byte[] SECRET = "one deployment secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void aValueOpensOnlyInABoxWithTheSameSecretKeyLabelAndAssociatedData() {
        SealedBox contacts = new SealedBox(SECRET, "contact seal", "contact");
        String sealed = contacts.seal("maria@example.com");
        assertFalse(sealed.contains("maria"));
        assertNotEquals(sealed, contacts.seal("maria@example.com"), "a fresh IV every time");
        assertEquals(Optional.of("maria@example.com"), new SealedBox(SECRET, "contact seal", "contact").open(sealed));
        assertEquals(Optional.empty(), new SealedBox(SECRET, "pickup seal", "contact").open(sealed), "other key");
        assertEquals(Optional.empty(), new SealedBox(SECRET, "contact seal", "pickup").open(sealed), "other purpose");
        assertEquals(
                Optional.empty(),
                new SealedBox("other".getBytes(StandardCharsets.UTF_8), "contact seal", "contact").open(sealed));
        char flipped = sealed.charAt(20) == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), contacts.open(sealed.substring(0, 20) + flipped + sealed.substring(21)));
        assertEquals(Optional.empty(), contacts.open("not base64 !"));
        assertEquals(Optional.empty(), contacts.open(null));
    }

    @Test
    void aConfiguredSecretMustBeLongEnoughAndWinsOverTheSigningKey() {
        assertThrows(
                IllegalStateException.class,
                () -> DeploymentSecret.material(Optional.of("short"), "x.secret", Optional.empty(), Optional.of("k")));
        String configured = "c".repeat(32);
        assertEquals(
                configured,
                new String(
                        DeploymentSecret.material(
                                Optional.of(configured), "x.secret", Optional.empty(), Optional.of("k")),
                        StandardCharsets.UTF_8));
        assertEquals(
                "k",
                new String(
                        DeploymentSecret.material(Optional.empty(), "x", Optional.empty(), Optional.of(" k ")),
                        StandardCharsets.UTF_8));
        assertThrows(
                IllegalStateException.class,
                () -> DeploymentSecret.material(Optional.empty(), "x", Optional.empty(), Optional.empty()));
    }
}
