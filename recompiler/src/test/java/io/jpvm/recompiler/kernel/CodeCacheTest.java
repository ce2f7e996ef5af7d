package io.jpvm.recompiler.kernel;

import static io.jpvm.recompiler.kernel.KernelRuns.RECOMPILER;
import static io.jpvm.recompiler.kernel.KernelRuns.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelResult;
import io.jpvm.recompiler.RecompilerEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The kernel's code cache: a CODE sub-blob is translated once for all invocations (per memory tier). */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class CodeCacheTest {

    private static long runOnce(byte[] blob) {
        try (Invocation inv = Invocation.builder(blob).engine(RECOMPILER).gas(1_000_000).build()) {
            return ((KernelResult.Halt) inv.run()).value();
        }
    }

    @Test
    void compiledOnceAcrossInvocations() {
        long unique = System.nanoTime() & 0x7FFFFFFF;   // code no other test has compiled
        String body = " load_imm_64 a0, " + unique + "\n ecalli 0\n";
        byte[] blob = jar(".container jar\n" + body);
        long before = RecompilerEngine.compilations();
        assertEquals(unique, runOnce(blob));
        assertEquals(before + 1, RecompilerEngine.compilations());
        for (int i = 0; i < 20; i++) {
            assertEquals(unique, runOnce(blob));
        }
        assertEquals(before + 1, RecompilerEngine.compilations(), "cache hits");
        // the same code under another memory tier has other block costs: translated again, then cached
        byte[] bigger = jar(".container jar\n.memory_pages 10000\n" + body);
        assertEquals(unique, runOnce(bigger));
        assertEquals(unique, runOnce(bigger));
        assertEquals(before + 2, RecompilerEngine.compilations());
    }
}
