package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.isa.Profile;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A short run of the differential fuzzer: {@value #SEEDS} seeds per profile (override with
 * -Djpvm.fuzz.seeds=N, start with -Djpvm.fuzz.seed=S), interpreter against recompiler after every
 * exit. Must find nothing; a failure prints the minimal reproducer.
 */
class DifferentialFuzzTest {
    static final int SEEDS = Integer.getInteger("jpvm.fuzz.seeds", 2000);
    static final long FIRST_SEED = Long.getLong("jpvm.fuzz.seed", 1);

    @Test
    void interpreterAndRecompilerAgreeOnRandomPrograms() {
        assumeTrue(MachineEngine.RECOMPILER.available(), () -> "recompiler: " + MachineEngine.RECOMPILER.unavailableReason());
        Fuzzer.Report r = Fuzzer.run(new Fuzzer.Options(FIRST_SEED, List.of(Profile.JAVM, Profile.GP072),
                2L * SEEDS, Long.MAX_VALUE, null), new Fuzzer.Listener() { }, Long.MAX_VALUE);
        System.out.printf("fuzz: %d cases in %.1f s (%.0f cases/s), %d exits and %d block boundaries compared%n",
                r.passed() + r.failed(), r.elapsedNanos() / 1e9, r.casesPerSecond(), r.exits(), r.blocks());
        String failures = r.failures().stream()
                .map(f -> f.summary() + "\n" + f.reproducer())
                .collect(Collectors.joining("\n"));
        assertEquals(0, r.failed(), failures);
        assertEquals(2L * SEEDS, r.passed());
    }
}
