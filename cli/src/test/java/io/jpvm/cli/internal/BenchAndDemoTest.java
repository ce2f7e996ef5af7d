package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchAndDemoTest {
    @Test
    void quickBench() {
        Cli r = Cli.exec("bench", "--quick");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("M instr/s"), r.out());
        assertTrue(r.out().contains("ns/instruction"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("interpreter") && l.contains("javm")
                && l.contains("0x2641a9a802e2699d")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("interpreter") && l.contains("gp072")
                && l.contains("0x2641a9a802e2699d")), r.out());
        if (Engines.RECOMPILER.available()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("recompiler") && l.contains("gp072")
                    && l.contains("0x2641a9a802e2699d")), r.out());
        }
        if (Engines.RECOMPILER.available()) {
            assertTrue(r.out().contains("recompiler compile time"), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("javm") && l.split("\\s+").length == 5), r.out());
        }
        assertTrue(!r.out().contains("WRONG"), r.out());
    }

    @Test
    void demo() {
        Cli r = Cli.exec("demo");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("307 passed, 0 failed"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("interpreter")).count() == 2, r.out());
        if (Engines.RECOMPILER.available()) {
            assertTrue(r.out().contains("on engine recompiler"), r.out());
            assertTrue(r.out().lines().filter(l -> l.startsWith("recompiler")).count() == 2, r.out());
        }
        assertTrue(!r.out().contains("WRONG"), r.out());
    }

    @Test
    void helpAndVersion() {
        Cli h = Cli.exec("--help");
        assertEquals(0, h.exit());
        for (String c : new String[] {"demo", "run", "vectors", "gas", "asm", "disasm", "bench", "fuzz", "diff"}) {
            assertTrue(h.out().contains("  " + c + " "), h.out());
        }
        for (String c : new String[] {"demo", "run", "vectors", "gas", "asm", "disasm", "bench", "fuzz", "diff"}) {
            Cli sub = Cli.exec(c, "--help");
            assertEquals(0, sub.exit(), c);
            assertTrue(sub.out().startsWith("Usage: jpvm " + c), sub.out());
        }
        Cli none = Cli.exec();
        assertEquals(ExitCodes.USAGE, none.exit());
        assertTrue(none.err().startsWith("Usage: jpvm"), none.err());
        Cli v = Cli.exec("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("jpvm "), v.out());
    }
}
