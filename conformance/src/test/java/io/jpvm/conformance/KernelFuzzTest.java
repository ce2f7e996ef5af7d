package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.isa.Profile;
import io.jpvm.kernel.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel programs (CREATE/CALL/REPLY, RETYPE, MAP, GRANT, REVOKE, DROP, protocol calls) on the
 * interpreter's and the recompiler's kernel engines: {@value #SEEDS} seeds must agree at every pause;
 * the shrinker and the reproducer work on a planted difference.
 */
class KernelFuzzTest {
    static final int SEEDS = Integer.getInteger("jpvm.fuzz.kernelSeeds", 1000);

    @TempDir
    Path dir;

    @Test
    void kernelEnginesAgree() {
        assumeTrue(KernelFuzz.available(), "no recompiler kernel engine here");
        Fuzzer.Report r = Fuzzer.run(new Fuzzer.Options(1, List.of(), SEEDS, Long.MAX_VALUE, null, true),
                new Fuzzer.Listener() { }, Long.MAX_VALUE);
        System.out.printf("kernel fuzz: %d cases in %.1f s (%.0f cases/s), %d pauses compared%n",
                r.passed() + r.failed(), r.elapsedNanos() / 1e9, r.casesPerSecond(), r.exits());
        assertEquals(0, r.failed(), r.failures().stream().map(f -> f.summary() + "\n" + f.reproducer())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void programsReachEveryEnding() {
        Map<String, Integer> results = new TreeMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            KernelCase c = KernelGenerator.generate(seed);
            KernelCheck.Outcome o = KernelCheck.run(c.blob(), c.gas(), c.answers(), Engine.interpreter(),
                    Engine.interpreter());
            assertTrue(o.identical(), "the interpreter agrees with itself");
            results.merge(o.result().replaceAll(" .*", ""), 1, Integer::sum);
        }
        for (String k : new String[] {"halt", "out-of-gas", "page-fault"}) {
            assertTrue(results.getOrDefault(k, 0) >= 20, () -> k + " too rare: " + results);
        }
    }

    @Test
    void plantedDifferenceIsShrunkAndReplays() throws IOException {
        // planted: "the engines differ" whenever VM 0 creates a child
        Function<KernelCase, KernelCheck.Outcome> planted = c -> {
            KernelCheck.Outcome o = KernelCheck.run(c.blob(), c.gas(), c.answers(), Engine.interpreter(),
                    Engine.interpreter());
            return c.rootSource().contains("ecalli " + KernelCase.CHILD_CODE)
                    ? new KernelCheck.Outcome(List.of(new Difference("planted", "a", "b")), o.pauses(), o.result()) : o;
        };
        Fuzzer.Report r = Fuzzer.run(new Fuzzer.Options(1, List.of(), 50, Long.MAX_VALUE, dir, true),
                new Fuzzer.Listener() { }, Long.MAX_VALUE, in -> { throw new AssertionError(); }, planted);
        assertTrue(r.failed() > 0);
        FuzzFailure f = r.failures().get(0);
        assertEquals("kernel", f.kind());
        assertEquals(Profile.JAVM, f.profile());
        String text = Files.readString(f.file());
        assertTrue(text.startsWith(KernelReproducer.MAGIC), text);
        long insns = text.lines().filter(l -> l.startsWith("    ") && !l.strip().startsWith(".")).count();
        assertTrue(insns <= 3, () -> "not minimal:\n" + text);
        KernelReproducer.Input in = KernelReproducer.parse(text);
        KernelCase minimalCase = KernelGenerator.generate(f.seed());
        assertEquals(minimalCase.gas(), in.gas());
        assertTrue(KernelCheck.run(in.blob(), in.gas(), in.answers(), Engine.interpreter(), Engine.interpreter())
                .identical());
    }

    @Test
    void reproducerRoundTrip() {
        for (long seed = 1; seed <= 30; seed++) {
            KernelCase c = KernelGenerator.generate(seed);
            KernelReproducer.Input in = KernelReproducer.parse(KernelReproducer.write(c, null));
            assertArrayEquals(c.blob(), in.blob());
            assertEquals(c.gas(), in.gas());
            assertArrayEquals(c.answers(), in.answers());
        }
    }
}
