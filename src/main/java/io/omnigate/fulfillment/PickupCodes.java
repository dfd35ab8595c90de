package io.omnigate.fulfillment;

import io.omnigate.events.SealedPayloads;
import io.omnigate.orders.OrderEvents;
import io.omnigate.security.DeploymentSecret;
import io.omnigate.security.SealedBox;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pickup codes: random, stored only as a peppered HMAC bound to the fulfillment, and handed to
 * the customer sealed (AES-GCM) inside the READY_FOR_PICKUP event, so the plaintext is never at
 * rest. The sealing key and the pepper are derived from {@code omnigate.fulfillment.pickup-code-secret}
 * or, when that is unset, from the token signing key, so every instance of a deployment agrees.
 */
@Startup
@ApplicationScoped
public class PickupCodes implements SealedPayloads {

    /** The payload key of the READY_FOR_PICKUP {@code fulfillment.status} event holding the sealed code. */
    public static final String SEALED_FIELD = OrderEvents.PICKUP_CODE_SEALED;

    /** Digits and capitals without 0/O, 1/I/L: easy to read out and type on a kiosk. */
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();
    private final SealedBox box;
    private final SecretKeySpec pepper;

    @Inject
    PickupCodes(
            FulfillmentConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey) {
        this(DeploymentSecret.material(
                config.pickupCodeSecret(), "omnigate.fulfillment.pickup-code-secret", signKeyLocation, signKey));
    }

    PickupCodes(byte[] secret) {
        this.box = new SealedBox(secret, "omnigate pickup-code seal v1", "omnigate pickup code");
        this.pepper = new SecretKeySpec(DeploymentSecret.derive("omnigate pickup-code hash v1", secret), "HmacSHA256");
    }

    /** A new random code of {@value #LENGTH} characters from {@link #ALPHABET}. */
    public String newCode() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** HMAC-SHA-256 (hex) of the normalised code, bound to the fulfillment it opens. */
    public String hash(String fulfillmentId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            mac.update(fulfillmentId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(normalise(code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code code} is the one whose hash is stored, compared in constant time. */
    public boolean matches(String fulfillmentId, String code, String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        hash(fulfillmentId, code).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The code encrypted with AES-GCM under a random IV, as base64url of IV and ciphertext. */
    public String seal(String code) {
        return box.seal(code);
    }

    /** The order stream's view of a sealed code: the same as {@link #unseal}. */
    @Override
    public Optional<String> open(String sealed) {
        return unseal(sealed);
    }

    /** The code inside {@code sealed}; empty when it is not a value this deployment sealed, or was changed. */
    public Optional<String> unseal(String sealed) {
        return box.open(sealed);
    }

    /** Upper case without spaces or dashes, so "k7q2-m9xd" and "K7Q2M9XD" are the same code. */
    static String normalise(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
