package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void fibJavm() {
        String src = """
                load_imm   r7, 1
                load_imm   r8, 0
                load_imm   r9, 0
                load_imm   r10, 1000
                fallthrough
        loop:
                add_64     r2, r7, r8
                move_reg   r8, r7
                move_reg   r7, r2
                add_imm_64 r9, r9, 1
                branch_lt_u r9, r10, loop
                ecalli     0
        """;
        try (Engines.Pair p = new Engines.Pair(src, Profile.JAVM)) {
            p.setGas(1_000_000);
            assertEquals(ExitKind.HOST_CALL, p.runBoth("fib"));
        }
    }
}
