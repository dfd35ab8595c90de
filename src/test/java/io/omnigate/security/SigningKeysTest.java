package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesOnceAndReuses() throws Exception {
        SigningKeys.Locations first = SigningKeys.ensure(dataDir.resolve("keys"));
        String publicKey = Files.readString(first.publicKey());
        String privateKey = Files.readString(first.privateKey());
        assertTrue(publicKey.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(privateKey.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey())));

        SigningKeys.Locations second = SigningKeys.ensure(dataDir.resolve("keys"));
        assertEquals(first, second);
        assertEquals(publicKey, Files.readString(second.publicKey()));
        assertEquals(privateKey, Files.readString(second.privateKey()));
    }

    @Test
    void concurrentCallersShareOnePairAndLeaveNoStagingBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> Files.readString(
                        SigningKeys.ensure(dataDir.resolve("keys")).publicKey())));
            }
            Set<String> keys = new HashSet<>();
            for (Future<String> result : results) {
                keys.add(result.get());
            }
            assertEquals(1, keys.size());
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            assertEquals(List.of(dataDir.resolve("keys")), entries.toList());
        }
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("unrelated.txt"), "x");
        assertThrows(IllegalStateException.class, () -> SigningKeys.ensure(keys));
    }
}
