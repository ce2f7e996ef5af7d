package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.conformance.VectorLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorsCommandTest {
    private static Path realDirectory() {
        Path d = VectorDirectories.defaultDirectory();
        assertTrue(Files.isDirectory(d), "vector directory not found: " + d + " (set -D" + VectorLoader.DIR_PROPERTY
                + ")");
        return d;
    }

    @Test
    void allRealVectorsPass() {
        Cli r = Cli.exec("vectors", realDirectory().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("307 passed, 0 failed", r.lastOutLine());
        assertTrue(r.out().contains("riscv_rv64ui"), r.out());
        assertTrue(r.out().contains("category"), r.out());
    }

    @Test
    void bothEnginesSumTheirCounts() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Engines.RECOMPILER.available(), "recompiler not available here");
        Cli r = Cli.exec("vectors", realDirectory().toString(), "--engine", "both");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("on engine interpreter"), r.out());
        assertTrue(r.out().contains("on engine recompiler"), r.out());
        assertTrue(r.out().contains("interpreter: 307 passed, 0 failed"), r.out());
        assertTrue(r.out().contains("recompiler: 307 passed, 0 failed"), r.out());
        assertEquals("614 passed, 0 failed", r.lastOutLine());
        Cli rec = Cli.exec("vectors", realDirectory().toString(), "--engine", "recompiler");
        assertEquals(0, rec.exit(), rec.out() + rec.err());
        assertEquals("307 passed, 0 failed", rec.lastOutLine());
    }

    @Test
    void defaultDirectoryIsFound() {
        Cli r = Cli.exec("vectors");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("307 passed, 0 failed", r.lastOutLine());
    }

    @Test
    void failureIsListedWithItsFieldsAndExitsOne(@TempDir Path dir) throws IOException {
        Path src = realDirectory().resolve("gas_basic_consume_all.json");
        String json = Files.readString(src, StandardCharsets.UTF_8)
                .replace("\"expected-gas\": 0", "\"expected-gas\": 1");
        Files.writeString(dir.resolve("gas_broken.json"), json, StandardCharsets.UTF_8);
        Files.copy(realDirectory().resolve("inst_add_32.json"), dir.resolve("inst_add_32.json"));
        Cli r = Cli.exec("vectors", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL gas_basic_consume_all"), r.out());
        assertTrue(r.out().contains("gas: expected 1, got 0"), r.out());
        assertEquals("1 passed, 1 failed", r.lastOutLine());
    }

    @Test
    void missingDirectoryIsBadInput(@TempDir Path dir) {
        Cli.exec("vectors", dir.resolve("none").toString()).assertUsageError();
    }
}
