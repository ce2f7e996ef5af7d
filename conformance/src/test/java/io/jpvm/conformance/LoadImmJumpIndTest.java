package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * load_imm_jump_ind rA, rB, X, Y (180): rA = X and djump((rB + Y) mod 2^32). gp072 reads rB before
 * writing rA (gp-conformance.md §5, §8); javm reads rB after (javm-reference.md §1.3, README table),
 * so with rA == rB the javm address is X + Y. rA is written even when the jump panics or halts.
 */
class LoadImmJumpIndTest {

    /**
     * load_imm_jump_ind rA, rB, x, y (pc0) | A: load_imm r2,1 · trap |
     * B: load_imm r3,1 · trap; j = [A, B]: address 2 → A, 4 → B. With y = 0 the first instruction is
     * 4 bytes long: A = pc4 (trap pc7), B = pc8 (trap pc11).
     */
    private static TestCode program(int rA, int rB, long x, long y) {
        TestCode c = new TestCode().loadImmJumpInd(rA, rB, x, y);
        int a = c.pc();
        c.loadImm(2, 1).trap();
        int b = c.pc();
        return c.loadImm(3, 1).trap().jumpTable(a, b);
    }

    @Test
    void sameRegisterGp072UsesTheOldValue() {
        Interpreter vm = Vms.vm(program(1, 1, 4, 0), Profile.GP072, 100);
        vm.setReg(1, 2);
        vm.run();
        assertExit(vm, ExitKind.PANIC, 7, 97); // went to A: 1 + [load_imm, trap] 2
        assertEquals(1, vm.reg(2));
        assertEquals(0, vm.reg(3));
        assertEquals(4, vm.reg(1));
    }

    @Test
    void sameRegisterJavmUsesTheNewValue() {
        Interpreter vm = Vms.vm(program(1, 1, 4, 0), Profile.JAVM, 100);
        vm.setReg(1, 2);
        vm.run();
        assertExit(vm, ExitKind.TRAP, 11, 80); // went to B: 22 cycles → 19, + 1
        assertEquals(0, vm.reg(2));
        assertEquals(1, vm.reg(3));
        assertEquals(4, vm.reg(1));
    }

    @Test
    void sameRegisterWithNonZeroY() {
        // X = 2, Y = 2, r1 = 0: gp072 → 0 + 2 = 2 (A); javm → 2 + 2 = 4 (B)
        Interpreter gp = Vms.vm(program(1, 1, 2, 2), Profile.GP072, 100);
        gp.run();
        assertEquals(8, gp.exitPc()); // Y takes one byte: A's trap is at pc8, B's at pc12
        assertEquals(2, gp.reg(1));
        Interpreter javm = Vms.vm(program(1, 1, 2, 2), Profile.JAVM, 100);
        javm.run();
        assertEquals(12, javm.exitPc());
        assertEquals(2, javm.reg(1));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void differentRegistersAgree(Profile p) {
        Interpreter vm = Vms.vm(program(5, 1, 4, 0), p, 100);
        vm.setReg(1, 2);
        vm.run();
        assertEquals(7, vm.exitPc());
        assertEquals(1, vm.reg(2));
        assertEquals(4, vm.reg(5));
        assertEquals(2, vm.reg(1));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void registerIsWrittenWhenTheJumpPanics(Profile p) {
        Interpreter vm = Vms.vm(program(5, 1, 4, 0), p, 100);
        assertEquals(ExitKind.PANIC, vm.run()); // address 0
        assertExit(vm, ExitKind.PANIC, 0);
        assertEquals(4, vm.reg(5));
    }

    @Test
    void gp072RegisterIsWrittenWhenTheJumpHalts() {
        Interpreter vm = Vms.vm(program(5, 1, 4, 0), Profile.GP072, 100);
        vm.setReg(1, HALT_ADDRESS);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 0, 99);
        assertEquals(4, vm.reg(5));
    }

    @Test
    void gp072SameRegisterHaltsOnTheOldValue() {
        Interpreter vm = Vms.vm(program(1, 1, 4, 0), Profile.GP072, 100);
        vm.setReg(1, HALT_ADDRESS);
        assertEquals(ExitKind.HALT, vm.run());
        assertEquals(4, vm.reg(1));

        Interpreter javm = Vms.vm(program(1, 1, 4, 0), Profile.JAVM, 100);
        javm.setReg(1, HALT_ADDRESS);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 11); // javm: address 4 + 0 → B
    }
}
