package io.omnigate.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The secret every instance of a deployment shares, from which features derive their own keys
 * (pickup codes, customer contact data): a configured secret of 32+ characters, or else the token
 * signing key, so no feature needs a key of its own to start.
 */
public final class DeploymentSecret {

    private DeploymentSecret() {}

    /**
     * The configured secret's bytes ({@code configuredName} names its property in errors), or the
     * signing key's (inline, or from its file or classpath location).
     */
    public static byte[] material(
            Optional<String> configured,
            String configuredName,
            Optional<String> signKeyLocation,
            Optional<String> signKey) {
        if (configured.isPresent()) {
            if (configured.get().length() < 32) {
                throw new IllegalStateException(configuredName + " needs 32+ characters");
            }
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        if (signKey.isPresent()) {
            return signKey.get().strip().getBytes(StandardCharsets.UTF_8);
        }
        if (signKeyLocation.isPresent()) {
            return read(signKeyLocation.get());
        }
        throw new IllegalStateException(
                "Sealing needs " + configuredName + " or a token signing key (smallrye.jwt.sign.key.location)");
    }

    /** SHA-256 of a label and the secret: one independent 256-bit key per label. */
    public static byte[] derive(String label, byte[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            return digest.digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
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
