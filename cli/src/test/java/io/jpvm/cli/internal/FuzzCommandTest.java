package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.conformance.MachineEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzCommandTest {
    @TempDir
    Path dir;

    @Test
    void shortRunPassesAndEndsWithTheCount() {
        assumeTrue(MachineEngine.RECOMPILER.available(), "recompiler not available here");
        Path out = dir.resolve("failures");
        Cli r = Cli.exec("fuzz", "--seconds", "60", "--cases", "150", "--seed", "7", "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", r.err());
        assertTrue(r.outLines().get(0).startsWith("fuzzing interpreter against recompiler: cases javm, gp072"), r.out());
        assertTrue(r.outLines().get(0).contains("seeds from 7"), r.out());
        assertEquals("150 passed, 0 failed", r.lastOutLine());
        assertFalse(Files.exists(out), "no reproducer directory without failures");
    }

    @Test
    void oneProfile() {
        assumeTrue(MachineEngine.RECOMPILER.available(), "recompiler not available here");
        Cli r = Cli.exec("fuzz", "--seconds", "60", "--cases", "40", "--profile", "gp072", "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.outLines().get(0).contains("cases gp072 per seed"), r.out());
        assertEquals("40 passed, 0 failed", r.lastOutLine());
    }

    @Test
    void zeroSecondsRunsNothing() {
        assumeTrue(MachineEngine.RECOMPILER.available(), "recompiler not available here");
        Cli r = Cli.exec("fuzz", "--seconds", "0", "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("0 passed, 0 failed", r.lastOutLine());
    }

    @Test
    void badOptions() {
        Cli.exec("fuzz", "--profile", "riscv").assertUsageError();
        Cli.exec("fuzz", "--seconds", "-1").assertUsageError();
        Cli.exec("fuzz", "--seconds", "x").assertUsageError();
        Cli.exec("fuzz", "--cases", "-5").assertUsageError();
    }
}
