package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference workloads assemble, run and produce their documented results and gas. */
class ReferenceProgramsTest {
    private static final long GAS = 10_000_000_000L;

    @ParameterizedTest
    @EnumSource(ReferenceProgram.class)
    void producesItsExpectedResult(ReferenceProgram p) {
        RunResult r = p.run(GAS);
        assertEquals("halt", r.status(), p.id() + " status");
        assertEquals(p.expectedResult(), r.result(), p.id() + " result");
        assertEquals(p.expectedVms(), r.vmsLive(), p.id() + " live VMs");
    }

    @Test
    void fibGasMatchesTheModels() {
        // javm: first block (4 load_imm + fallthrough) costs 1, the loop block 19 per iteration, the
        // final ecalli block 97, plus the kernel's 10 for the REPLY
        assertEquals(1 + 19L * 1_000_000 + 97 + 10, ReferenceProgram.FIB.run(GAS).gasUsed());
        // gp072: 6 + 5 per iteration + 1 for the final jump_ind block
        assertEquals(6 + 5L * 1_000_000 + 1, ReferenceProgram.FIB_GP.run(GAS).gasUsed());
    }

    @Test
    void hostcallAnswersGasInsideTheLoop() {
        RunResult r = ReferenceProgram.HOSTCALL.run(GAS);
        assertEquals(100_000, r.hostCalls(), "100,000 GAS calls answered by the built-in host");
    }

    @ParameterizedTest
    @EnumSource(value = ReferenceProgram.class, names = {"FIB", "HOSTCALL", "SORT"})
    void kernelAndMachineLevelAgreeOnSingleVmPrograms(ReferenceProgram p) {
        LoadedProgram loaded = p.load();
        RunResult kernel = KernelRunner.run(loaded, GAS, null, null);
        RunResult machine = MachineRunner.run(loaded, GAS, null, null);
        assertEquals(machine.status(), kernel.status());
        assertEquals(machine.gasUsed(), kernel.gasUsed(), "gas");
        assertArrayEquals(machine.regs(), kernel.regs(), "registers");
    }

    @Test
    void fibRecurCreatesOneVmPerCall() {
        RunResult r = ReferenceProgram.FIB_RECUR.run(GAS);
        assertEquals(21_891, r.vmsCreated());
    }
}
