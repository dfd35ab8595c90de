package io.omnigate.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under one derived key, with a fixed associated-data label so a value sealed for one
 * purpose never opens as another; sealed values are base64url of a random IV and the ciphertext.
 */
public final class SealedBox {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final byte[] aad;

    /** A box keyed by {@link DeploymentSecret#derive} of {@code keyLabel}, binding {@code aad} to every value. */
    public SealedBox(byte[] secret, String keyLabel, String aad) {
        this.key = new SecretKeySpec(DeploymentSecret.derive(keyLabel, secret), "AES");
        this.aad = aad.getBytes(StandardCharsets.US_ASCII);
    }

    public String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
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

    /** The plain value; empty when {@code sealed} was not sealed by this box, or was changed. */
    public Optional<String> open(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(sealed);
            if (raw.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return Optional.of(
                    new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
