package io.omnigate.security;

import io.omnigate.platform.OmnigateConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The bootstrap admin secret that lets a new installation mint its first tokens: configured, or
 * generated once into the data directory with owner-only permissions.
 */
@Singleton
public class BootstrapToken {

    static final String FILE_NAME = "bootstrap-token";
    static final int MIN_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(BootstrapToken.class);

    private final byte[] secretDigest;
    private final String startupLine;
    private final boolean enabled;

    BootstrapToken(AuthConfig auth, OmnigateConfig omnigate) {
        this.enabled = auth.bootstrapEnabled();
        if (!enabled) {
            this.secretDigest = null;
            this.startupLine = "Bootstrap admin token is turned off (omnigate.auth.bootstrap-enabled=false)";
            return;
        }
        String secret;
        String where;
        if (auth.bootstrapToken().isPresent() && !auth.bootstrapToken().get().isBlank()) {
            secret = auth.bootstrapToken().get().strip();
            where = "is set by omnigate.auth.bootstrap-token";
        } else {
            Path file = Path.of(omnigate.dataDir(), FILE_NAME).toAbsolutePath().normalize();
            secret = readOrCreate(file);
            where = "is in " + file;
        }
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "omnigate.auth.bootstrap-token must be at least " + MIN_LENGTH + " characters long");
        }
        this.secretDigest = sha256(secret);
        String dev = LaunchMode.current() == LaunchMode.DEVELOPMENT ? " (dev mode: " + secret + ")" : "";
        this.startupLine = "Bootstrap admin token " + where + dev
                + "; send it as 'Authorization: Bearer <token>' to POST /v1/auth/tokens to mint tokens";
    }

    void logLocation(@Observes StartupEvent event) {
        LOG.info(startupLine);
    }

    /**
     * Whether {@code candidate} is the bootstrap secret, in time independent of where they differ;
     * always false once the secret is turned off.
     */
    public boolean matches(String candidate) {
        return enabled && candidate != null && MessageDigest.isEqual(secretDigest, sha256(candidate));
    }

    /** Reads the secret kept in {@code file}, creating it with a fresh random secret when absent. */
    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException(file + " is empty; delete it to generate a new bootstrap token");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the bootstrap token " + file, e);
        }
    }

    /** Writes a private temporary file and links it into place, so no reader sees a partial file. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path staged = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            SigningKeys.restrictToOwner(staged, "rw-------");
            Files.writeString(staged, randomSecret() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, staged);
            } catch (FileAlreadyExistsException e) {
                LOG.debugf("Another process created %s first; using its token", file);
            } catch (UnsupportedOperationException e) {
                // Not an unfinished branch: a file system without hard links (some network and
                // container mounts) gets an atomic rename instead, which is complete but may replace
                // a secret another process created in the same instant.
                Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
