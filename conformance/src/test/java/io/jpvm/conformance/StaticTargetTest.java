package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static jump and branch targets. gp-conformance.md §5: a taken jump/branch whose target is not in ϖ
 * (pc 0 and instruction starts after a terminator, with a valid opcode) panics at the branch; a branch
 * not taken does not validate its target; load_imm_jump writes its register first. javm
 * (javm-reference.md §1.3, README table): valid targets are gas-block starts, whose terminator set
 * adds ecalli, ecall and unlikely.
 */
class StaticTargetTest {

    /** load_imm r1,1 (pc0) · load_imm r2,2 (pc3) · jump target (pc6). */
    private static TestCode jumpTo(int target) {
        return new TestCode().loadImm(1, 1).loadImm(2, 2).jump(target);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 1, 11, 1000, -5})
    void gp072JumpToANonBlockStartPanicsAtTheJump(int target) {
        Interpreter vm = Vms.vm(jumpTo(target), Profile.GP072, 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 6, 97);
        assertEquals(1, vm.reg(1));
        assertEquals(2, vm.reg(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 1, 11, 1000, -5})
    void javmJumpToANonBlockStartPanicsAtTheJump(int target) {
        // block cost: load_imm, load_imm (done 1), jump (15 cycles) → 12
        Interpreter vm = Vms.vm(jumpTo(target), Profile.JAVM, 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 6, 88);
        assertEquals(2, vm.reg(2));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void jumpToPcZeroIsValid(Profile p) {
        // jump to pc 0 (a block start) loops; the second pass is out of gas at pc 0
        Interpreter vm = Vms.vm(jumpTo(0), p, p == Profile.GP072 ? 5 : 20);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 0, p == Profile.GP072 ? 2 : 0);
    }

    /** load_imm r2,9 (pc0) · branch_eq_imm r1,5 → pc1 (pc3) | load_imm r3,7 (pc10) · trap (pc13). */
    private static TestCode branchToInside() {
        return new TestCode().loadImm(2, 9).regImmJump(81, 1, 5, 1).loadImm(3, 7).trap();
    }

    @Test
    void takenBranchToInvalidTargetPanics() {
        Interpreter gp = Vms.vm(branchToInside(), Profile.GP072, 100);
        gp.setReg(1, 5);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 3, 98);
        assertEquals(9, gp.reg(2));
        assertEquals(0, gp.reg(3));

        // javm block: load_imm (done 1), branch with BR = 20 (target is no trap/unlikely) → 17
        Interpreter javm = Vms.vm(branchToInside(), Profile.JAVM, 100);
        javm.setReg(1, 5);
        assertEquals(ExitKind.PANIC, javm.run());
        assertExit(javm, ExitKind.PANIC, 3, 83);
        assertEquals(0, javm.reg(3));
    }

    @Test
    void branchNotTakenDoesNotValidateItsTarget() {
        Interpreter gp = Vms.vm(branchToInside(), Profile.GP072, 100);
        gp.setReg(1, 4);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 13, 96);
        assertEquals(7, gp.reg(3));

        Interpreter javm = Vms.vm(branchToInside(), Profile.JAVM, 100);
        javm.setReg(1, 4);
        assertEquals(ExitKind.TRAP, javm.run());
        assertExit(javm, ExitKind.TRAP, 13, 82);
        assertEquals(7, javm.reg(3));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void takenTwoRegisterBranchToInvalidTargetPanics(Profile p) {
        // branch_eq r1, r2 → pc1 (pc0) · trap (pc6)
        Interpreter vm = Vms.vm(new TestCode().twoRegJump(170, 1, 2, 1).trap(), p, 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void loadImmJumpWritesItsRegisterBeforeTheTargetPanics(Profile p) {
        Interpreter vm = Vms.vm(new TestCode().regImmJump(80, 4, 77, 1).trap(), p, 100);
        assertEquals(ExitKind.PANIC, vm.run());
        // gp072: 1 instruction; javm: load_imm_jump 15 cycles → 12
        assertExit(vm, ExitKind.PANIC, 0, p == Profile.GP072 ? 99 : 88);
        assertEquals(77, vm.reg(4));
    }

    /** jump → pc5 (pc0) | unlikely (pc5) | load_imm r1,1 (pc6) · trap (pc9). */
    @Test
    void targetWithAnOpcodeInvalidInTheProfile() {
        TestCode c = new TestCode().jump(5).op(2).loadImm(1, 1).trap();
        Interpreter gp = Vms.vm(c, Profile.GP072, 100);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 0, 99);
        assertEquals(0, gp.reg(1));

        // javm: jump 12, unlikely (40 cycles) 37, [load_imm, trap] 1
        Interpreter javm = Vms.vm(c, Profile.JAVM, 1000);
        assertEquals(ExitKind.TRAP, javm.run());
        assertExit(javm, ExitKind.TRAP, 9, 950);
        assertEquals(1, javm.reg(1));
    }

    /** jump → pc7 (pc0) | ecalli 7 (pc5) | load_imm r1,9 (pc7) · trap (pc10). */
    @Test
    void instructionAfterEcalliIsATargetOnlyInJavm() {
        TestCode c = new TestCode().jump(7).ecalli(7).loadImm(1, 9).trap();
        Interpreter gp = Vms.vm(c, Profile.GP072, 100);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 0, 99);
        assertEquals(0, gp.reg(1));

        Interpreter javm = Vms.vm(c, Profile.JAVM, 1000);
        assertEquals(ExitKind.TRAP, javm.run());
        assertExit(javm, ExitKind.TRAP, 10, 987);
        assertEquals(9, javm.reg(1));
    }

    /** jump L (pc0) | trap (pc5) | L: load_imm r1,3 (pc6) · trap (pc9). */
    @Test
    void jumpToABlockStartIsTaken() {
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.jump(l).trap().bind(l).loadImm(1, 3).trap();
        Interpreter gp = Vms.vm(c, Profile.GP072, 100);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 9, 97);
        assertEquals(3, gp.reg(1));
        Interpreter javm = Vms.vm(c, Profile.JAVM, 1000);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 9, 987);
        assertEquals(3, javm.reg(1));
    }
}
