package io.omnigate.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The RSA key pair that signs and verifies omnigate's tokens when none is configured. It is
 * generated once into a data directory and reused afterwards, so tokens survive restarts.
 * Generation is idempotent within a JVM and across processes sharing the directory: the pair is
 * written into a private temporary directory that is renamed into place in one step, and a
 * process that loses that race reuses the winner's pair.
 */
public final class SigningKeys {

    /** Where the PEM files of one key pair live. */
    public record Locations(Path publicKey, Path privateKey) {}

    static final String PUBLIC_KEY_FILE = "jwt-verify.pem";
    static final String PRIVATE_KEY_FILE = "jwt-sign.pem";
    private static final int KEY_BITS = 2048;

    private SigningKeys() {}

    /** Returns the key pair in {@code keysDirectory}, generating it first when it is not there. */
    /** Where the pair lives in {@code keysDirectory}, without creating anything. */
    public static Locations locations(Path keysDirectory) {
        Path directory = keysDirectory.toAbsolutePath().normalize();
        return new Locations(directory.resolve(PUBLIC_KEY_FILE), directory.resolve(PRIVATE_KEY_FILE));
    }

    public static synchronized Locations ensure(Path keysDirectory) {
        Path directory = keysDirectory.toAbsolutePath().normalize();
        Locations locations = new Locations(directory.resolve(PUBLIC_KEY_FILE), directory.resolve(PRIVATE_KEY_FILE));
        if (complete(locations)) {
            return locations;
        }
        try {
            Files.createDirectories(directory.getParent());
            Path staging = Files.createTempDirectory(directory.getParent(), directory.getFileName() + ".tmp-");
            try {
                writePair(staging, generate());
                publish(staging, directory);
            } finally {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            if (!complete(locations)) {
                throw new UncheckedIOException("Could not create the token signing keys in " + directory, e);
            }
        }
        if (!complete(locations)) {
            throw new IllegalStateException(directory + " exists but does not hold " + PUBLIC_KEY_FILE + " and "
                    + PRIVATE_KEY_FILE + "; remove it or configure mp.jwt.verify.publickey.location");
        }
        return locations;
    }

    private static boolean complete(Locations locations) {
        return Files.isRegularFile(locations.publicKey()) && Files.isRegularFile(locations.privateKey());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static void writePair(Path directory, KeyPair pair) throws IOException {
        restrictToOwner(directory, "rwx------");
        Files.writeString(
                directory.resolve(PUBLIC_KEY_FILE),
                pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Files.createFile(privateKey);
        restrictToOwner(privateKey, "rw-------");
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Renames the staged directory into place; fails without touching an existing pair. */
    private static void publish(Path staging, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target + " cannot rename atomically", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static void restrictToOwner(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }
}
