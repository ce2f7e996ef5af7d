package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Profile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Block stepping (each run given exactly the next block's charge, the rest of the budget restored
 * after the out-of-gas stop) is invisible: a stepped run ends exactly as a straight one. And a
 * divergence is reported at the first block whose end state differs.
 */
class BlockSteppingTest {
    @ParameterizedTest
    @EnumSource(Profile.class)
    void steppingChangesNothing(Profile profile) {
        long boundaries = 0;
        for (long seed = 1; seed <= 400; seed++) {
            FuzzInput in = FuzzGenerator.generate(seed, profile).input();
            LockstepRun.Outcome straight = FuzzCheck.run(in, false, MachineEngine.INTERPRETER::compile, p -> p);
            LockstepRun.Outcome stepped = FuzzCheck.run(in, true, MachineEngine.INTERPRETER::compile, p -> p);
            assertTrue(straight.identical() && stepped.identical());
            String what = profile.id() + " seed " + seed;
            assertEquals(straight.status(), stepped.status(), what);
            assertEquals(straight.gasLeft(), stepped.gasLeft(), what);
            assertEquals(straight.gasUsed(), stepped.gasUsed(), what);
            assertEquals(straight.exits(), stepped.exits(), what);
            assertEquals(0, straight.blocks());
            boundaries += stepped.blocks();
        }
        assertTrue(boundaries > 1000, "stepping stopped at " + boundaries + " block boundaries only");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void firstDivergingBlockIsReported(Profile profile) {
        ReferenceProgram ref = profile == Profile.JAVM ? ReferenceProgram.FIB : ReferenceProgram.FIB_GP;
        LoadedProgram p = LoadedProgram.load(ref.bytes(), ref.format(), profile);
        InterpreterProgram ip = p.program();
        // planted: the second machine's φ2 goes wrong at its 6th run, i.e. after the 5th block
        BlockDiff.Result r = BlockDiff.run(ip, vm -> {
            MachineCode.copyMemory(p.newMemory(), vm);
            vm.setPc(0);
        }, 1_000_000, new MachineHost(profile), prog -> MachineCode.wrapped(MachineEngine.INTERPRETER.compile(prog),
                vm -> new CorruptAfter(vm, 6)));
        LockstepRun.Divergence d = r.outcome().divergence();
        assertTrue(d != null, "divergence not found");
        assertFalse(d.atExit());
        assertEquals(5, d.step());
        assertEquals(5, r.outcome().blocks());
        assertEquals(List.of("r2"), d.differences().stream().map(Difference::field).toList());
        long loop = ip.schedule().blocks().get(1).startPc(); // block 1 is the loop; runs 2..6 execute it
        assertEquals(loop, d.blockPc());
    }

    /** A machine whose φ2 is flipped after its {@code n}-th run. */
    private static final class CorruptAfter extends Delegating {
        private final int n;
        private int runs;

        CorruptAfter(Machine vm, int n) {
            super(vm);
            this.n = n;
        }

        @Override
        public ExitKind run() {
            ExitKind k = super.run();
            if (++runs == n) {
                setReg(2, reg(2) ^ 0x100);
            }
            return k;
        }
    }
}
