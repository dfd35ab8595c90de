package io.omnigate.fulfillment;

import io.omnigate.events.SealedPayloads;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
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
    public static final String SEALED_FIELD = "pickupCodeSealed";

    /** Digits and capitals without 0/O, 1/I/L: easy to read out and type on a kiosk. */
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    static final int LENGTH = 8;

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "omnigate pickup code".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec sealKey;
    private final SecretKeySpec pepper;

    @Inject
    PickupCodes(
            FulfillmentConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey) {
        this(secretMaterial(config.pickupCodeSecret(), signKeyLocation, signKey));
    }

    PickupCodes(byte[] secret) {
        this.sealKey = new SecretKeySpec(derive("omnigate pickup-code seal v1", secret), "AES");
        this.pepper = new SecretKeySpec(derive("omnigate pickup-code hash v1", secret), "HmacSHA256");
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
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The code inside {@code sealed}; empty when it is not a value this deployment sealed, or was changed. */
    /** The order stream's view of a sealed code: the same as {@link #unseal}. */
    @Override
    public Optional<String> open(String sealed) {
        return unseal(sealed);
    }

    public Optional<String> unseal(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(sealed);
            if (raw.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(AAD);
            return Optional.of(
                    new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Upper case without spaces or dashes, so "k7q2-m9xd" and "K7Q2M9XD" are the same code. */
    static String normalise(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static byte[] derive(String label, byte[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            return digest.digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] secretMaterial(
            Optional<String> configured, Optional<String> signKeyLocation, Optional<String> signKey) {
        if (configured.isPresent()) {
            if (configured.get().length() < 32) {
                throw new IllegalStateException("omnigate.fulfillment.pickup-code-secret needs 32+ characters");
            }
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        if (signKey.isPresent()) {
            return signKey.get().strip().getBytes(StandardCharsets.UTF_8);
        }
        if (signKeyLocation.isPresent()) {
            return read(signKeyLocation.get());
        }
        throw new IllegalStateException("Pickup codes need omnigate.fulfillment.pickup-code-secret or a token"
                + " signing key (smallrye.jwt.sign.key.location)");
    }

    /** The signing key's bytes from a file path, or from the classpath (Quarkus' own location syntax). */
    private static byte[] read(String location) {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        try {
            if (Files.isRegularFile(Path.of(path))) {
                return Files.readAllBytes(Path.of(path));
            }
            String resource = path.startsWith("classpath:") ? path.substring(10) : path;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Signing key not found at " + location);
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the signing key at " + location, e);
        }
    }
}
