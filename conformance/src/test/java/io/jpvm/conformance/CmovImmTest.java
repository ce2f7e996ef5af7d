package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cmov_iz_imm (147) and cmov_nz_imm (148), A.5.10 (rA = low nibble, rB = high nibble):
 * gp-conformance.md §8 ("if rB == 0: rA = vX" / "if rB != 0: rA = vX"), javm-reference.md §1.4.
 * The condition tests the whole 64-bit register; vX is sign-extended.
 */
class CmovImmTest {
    private static final int CMOV_IZ_IMM = 147;
    private static final int CMOV_NZ_IMM = 148;

    /** Runs {@code op r1, r2, x} with r1 = before and r2 = cond; returns r1. */
    private static long run(Profile p, int op, long before, long cond, long x) {
        Interpreter vm = Vms.vm(new TestCode().twoRegImm(op, 1, 2, x), p, 100);
        vm.setReg(1, before);
        vm.setReg(2, cond);
        vm.run();
        assertEquals(cond, vm.reg(2), "condition register untouched");
        return vm.reg(1);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void cmovNzImm(Profile p) {
        assertEquals(-2L, run(p, CMOV_NZ_IMM, 0x1234, 5, -2), "taken: sign-extended immediate");
        assertEquals(0x1234L, run(p, CMOV_NZ_IMM, 0x1234, 0, -2), "rB = 0: unchanged");
        assertEquals(77L, run(p, CMOV_NZ_IMM, 0x1234, Long.MIN_VALUE, 77), "only bit 63 set is non-zero");
        assertEquals(77L, run(p, CMOV_NZ_IMM, 0x1234, 1L << 32, 77), "only upper bits set is non-zero");
        assertEquals(0L, run(p, CMOV_NZ_IMM, 0x1234, 1, 0), "zero-length immediate is 0");
        assertEquals(0x7FFFFFFFL, run(p, CMOV_NZ_IMM, 0, 1, 0x7FFFFFFF));
        assertEquals(0xFFFFFFFF80000000L, run(p, CMOV_NZ_IMM, 0, 1, Integer.MIN_VALUE));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void cmovNzImmWithSameRegister(Profile p) {
        Interpreter vm = Vms.vm(new TestCode().twoRegImm(CMOV_NZ_IMM, 3, 3, 9), p, 100);
        vm.setReg(3, 4);
        vm.run();
        assertEquals(9, vm.reg(3));
        Interpreter vm0 = Vms.vm(new TestCode().twoRegImm(CMOV_NZ_IMM, 3, 3, 9), p, 100);
        vm0.run();
        assertEquals(0, vm0.reg(3));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void cmovIzImm(Profile p) {
        assertEquals(-2L, run(p, CMOV_IZ_IMM, 0x1234, 0, -2), "taken: sign-extended immediate");
        assertEquals(0x1234L, run(p, CMOV_IZ_IMM, 0x1234, 5, -2), "rB != 0: unchanged");
        assertEquals(0x1234L, run(p, CMOV_IZ_IMM, 0x1234, 1L << 32, -2), "low 32 bits zero is still non-zero");
        assertEquals(0x1234L, run(p, CMOV_IZ_IMM, 0x1234, Long.MIN_VALUE, -2));
        assertEquals(0L, run(p, CMOV_IZ_IMM, 0x1234, 0, 0), "zero-length immediate is 0");
    }
}
