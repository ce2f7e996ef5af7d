package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fuzzer reaches what it is meant to: every defined opcode of the profile appears in its
 * programs, and runs end in every exit kind of the profile, with page faults, host calls and
 * out-of-gas exits continued (so that resumption is compared, not only the first exit).
 */
class FuzzCoverageTest {
    static final int SEEDS = 600;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyOpcodeAndExitKindIsReached(Profile profile) {
        assumeTrue(MachineEngine.RECOMPILER.available(), () -> "recompiler: " + MachineEngine.RECOMPILER.unavailableReason());
        boolean[] seen = new boolean[256];
        Map<ExitKind, Integer> exits = new EnumMap<>(ExitKind.class);
        Map<String, Integer> continued = new TreeMap<>();
        long haltAddress = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            FuzzCase c = FuzzGenerator.generate(seed, profile);
            FuzzInput in = c.input();
            Program p = Program.of(in.code(), profile);
            for (int i = 0; i < p.count(); i++) {
                Instruction insn = p.instruction(i);
                seen[insn.opcode()] = true;
            }
            haltAddress += c.source().contains("load_imm_64 r") && c.source().contains(", 4294901760\n") ? 1 : 0;
            LockstepRun.Outcome o = FuzzCheck.run(in, in.plan().stepBlocks(), MachineEngine.RECOMPILER::compile,
                    policy -> vm -> {
                        exits.merge(vm.exitKind(), 1, Integer::sum);
                        ExitAction a = policy.onExit(vm);
                        if (!a.ends()) {
                            continued.merge(vm.exitKind().id(), 1, Integer::sum);
                        }
                        return a;
                    });
            assertTrue(o.identical(), () -> "seed " + c.seed() + ": " + o.divergence());
        }
        System.out.println(profile.id() + ": exits " + exits + ", continued after " + continued
                + ", programs with a 0xFFFF0000 djump " + haltAddress);
        int[] missing = IntStream.range(0, 256).filter(op -> Opcode.isDefined(op) && !seen[op]).toArray();
        assertTrue(missing.length == 0, () -> "opcodes never generated: " + java.util.Arrays.toString(missing));
        for (ExitKind k : ExitKind.values()) {
            boolean possible = profile == Profile.JAVM ? k != ExitKind.HALT : k != ExitKind.TRAP && k != ExitKind.ECALL;
            if (possible) {
                assertTrue(exits.getOrDefault(k, 0) >= 10, () -> k + " reached too rarely: " + exits);
            }
        }
        for (String k : new String[] {"out-of-gas", "host-call", "page-fault"}) {
            assertTrue(continued.getOrDefault(k, 0) >= 10, () -> "rarely continued after " + k + ": " + continued);
        }
    }
}
