package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference workloads assemble, run and produce their documented results and gas. */
class ReferenceProgramsTest {
    private static final long GAS = 1_000_000_000L;

    @ParameterizedTest
    @EnumSource(ReferenceProgram.class)
    void producesItsExpectedResult(ReferenceProgram p) {
        RunResult r = MachineRunner.run(p.load(), GAS, null, null);
        assertEquals("halt", r.status(), p.id() + " status");
        assertEquals(p.expectedResult(), r.result(), p.id() + " result");
    }

    @Test
    void fibGasMatchesTheModels() {
        // javm: first block (4 load_imm + fallthrough) costs 1, the loop block 19 per iteration, the
        // final ecalli block 97, plus the kernel's 10 for the REPLY
        RunResult javm = MachineRunner.run(ReferenceProgram.FIB.load(), GAS, null, null);
        assertEquals(1 + 19L * 1_000_000 + 97 + 10, javm.gasUsed());
        // gp072: 6 + 5 per iteration + 1 for the final jump_ind block
        RunResult gp = MachineRunner.run(ReferenceProgram.FIB_GP.load(), GAS, null, null);
        assertEquals(6 + 5L * 1_000_000 + 1, gp.gasUsed());
    }

    @Test
    void hostcallAnswersGasInsideTheLoop() {
        RunResult r = MachineRunner.run(ReferenceProgram.HOSTCALL.load(), GAS, null, null);
        assertEquals(100_001, r.hostCalls(), "100,000 GAS calls and one REPLY");
    }
}
