package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * Out of gas. gp072: gp-conformance.md §7 (block charging: a block's instruction count is paid on
 * entering it; gas < cost → out-of-gas at the block start with gas untouched). javm:
 * javm-reference.md §4.2/§4.3 (pipeline cost per gas block, charged on arrival at a gas-block start)
 * with the README's rule that OOG leaves gas 0. Gas equal to the cost is not OOG in either profile.
 */
class OutOfGasTest {

    /**
     * gp072: load_imm r1 (pc0) · load_imm r2 (pc3) · load_imm r3 (pc6) · fallthrough (pc9) |
     * load_imm r4 (pc10) · jump_ind r0 (pc13, halt). Block costs 4 and 2.
     */
    private static Interpreter gpStraightLine(long gas) {
        TestCode c = new TestCode().loadImm(1, 1).loadImm(2, 2).loadImm(3, 3).fallthrough()
                .loadImm(4, 4).jumpInd(0, 0);
        Interpreter vm = Vms.vm(c, Profile.GP072, gas);
        vm.setReg(0, HALT_ADDRESS);
        return vm;
    }

    @Test
    void gp072GasExactlyEqualToTheCostIsEnough() {
        Interpreter vm = gpStraightLine(6);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 13, 0);
        assertEquals(4, vm.reg(4));
    }

    @Test
    void gp072OutOfGasAtTheSecondBlockLeavesGasUntouched() {
        Interpreter vm = gpStraightLine(5);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 10, 1);
        assertEquals(3, vm.reg(3), "the first block ran");
        assertEquals(0, vm.reg(4), "the unpaid block did not run");
    }

    @Test
    void gp072OutOfGasAtTheFirstBlock() {
        Interpreter vm = gpStraightLine(3);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 0, 3);
        assertEquals(0, vm.reg(1), "nothing of the block ran");
        Interpreter empty = gpStraightLine(0);
        empty.run();
        assertExit(empty, ExitKind.OUT_OF_GAS, 0, 0);
    }

    @Test
    void gp072RetryAfterAddingGas() {
        Interpreter vm = gpStraightLine(5);
        vm.run();
        vm.setGas(vm.gas() + 1);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 13, 0);
        assertEquals(4, vm.reg(4));
    }

    @Test
    void gp072FreshStartMidBlockChargesTheRestOfTheBlock() {
        Interpreter vm = gpStraightLine(5); // from pc3: 3 + 2
        vm.setPc(3);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 13, 0);
        assertEquals(0, vm.reg(1));
        assertEquals(2, vm.reg(2));

        Interpreter short1 = gpStraightLine(4);
        short1.setPc(3);
        short1.run();
        assertExit(short1, ExitKind.OUT_OF_GAS, 10, 1);

        Interpreter short2 = gpStraightLine(2);
        short2.setPc(3);
        short2.run();
        assertExit(short2, ExitKind.OUT_OF_GAS, 3, 2);
        assertEquals(0, short2.reg(2));
    }

    /** jump L (pc0) | trap (pc5) | L: load_imm r1 (pc6) · load_imm r2 (pc9) · jump_ind r0 (pc12). */
    private static Interpreter gpJumpIntoBlock(long gas) {
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.jump(l).trap().bind(l).loadImm(1, 1).loadImm(2, 2).jumpInd(0, 0);
        Interpreter vm = Vms.vm(c, Profile.GP072, gas);
        vm.setReg(0, HALT_ADDRESS);
        return vm;
    }

    @Test
    void gp072OutOfGasOnAJumpIntoABlock() {
        Interpreter vm = gpJumpIntoBlock(3);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 6, 2);
        assertEquals(0, vm.reg(1));
        vm.setGas(3);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 12, 0);
        assertEquals(2, vm.reg(2));

        Interpreter enough = gpJumpIntoBlock(4);
        enough.run();
        assertExit(enough, ExitKind.HALT, 12, 0);
    }

    @Test
    void gp072OutOfGasOnATakenBranchIntoABlock() {
        // branch_eq_imm r1, 0, L (pc0) | trap (pc6) | L: load_imm r2 (pc7) · jump_ind r0 (pc10)
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.regImmJump(81, 1, 0, l).trap().bind(l).loadImm(2, 2).jumpInd(0, 0);
        Interpreter vm = Vms.vm(c, Profile.GP072, 2);
        vm.setReg(0, HALT_ADDRESS);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 7, 1);
        assertEquals(0, vm.reg(2));
    }

    /**
     * javm: load_imm r1,1 (pc0) · fallthrough (pc3) | div_u_64 r3 = r1 / r2 (pc4) · trap (pc7).
     * §4.3: block 1 max_done 2 → cost 1; block 2: div (4 slots) done 60, trap decodes in cycle 1,
     * done 3 → cost 57.
     */
    private static Interpreter javmStraightLine(long gas) {
        TestCode c = new TestCode().loadImm(1, 1).fallthrough().threeReg(203, 1, 2, 3).trap();
        Interpreter vm = Vms.vm(c, Profile.JAVM, gas);
        vm.setReg(2, 1);
        return vm;
    }

    @Test
    void javmGasExactlyEqualToTheCostIsEnough() {
        Interpreter vm = javmStraightLine(58);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 7, 0);
        assertEquals(1, vm.reg(3));
        Interpreter more = javmStraightLine(100);
        more.run();
        assertExit(more, ExitKind.TRAP, 7, 42);
    }

    @Test
    void javmOutOfGasAtTheSecondBlockZeroesGas() {
        Interpreter vm = javmStraightLine(57);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 4, 0);
        assertEquals(1, vm.reg(1), "the first block ran");
        assertEquals(0, vm.reg(3), "the unpaid block did not run");
    }

    @Test
    void javmOutOfGasAtTheFirstBlock() {
        Interpreter vm = javmStraightLine(0);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 0, 0);
        assertEquals(0, vm.reg(1));
    }

    @Test
    void javmRetryAfterAddingGas() {
        Interpreter vm = javmStraightLine(57);
        vm.run();
        vm.setGas(57);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 7, 0);
        assertEquals(1, vm.reg(3));
    }

    /** jump L (pc0, cost 12) | trap (pc5) | L: div_u_64 r3 = r1 / r2 (pc6) · trap (pc9), cost 57. */
    private static Interpreter javmJumpIntoBlock(long gas) {
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.jump(l).trap().bind(l).threeReg(203, 1, 2, 3).trap();
        Interpreter vm = Vms.vm(c, Profile.JAVM, gas);
        vm.setReg(1, 10);
        vm.setReg(2, 2);
        return vm;
    }

    @Test
    void javmOutOfGasOnAJumpIntoABlock() {
        Interpreter vm = javmJumpIntoBlock(68);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 6, 0);
        assertEquals(0, vm.reg(3));
        vm.setGas(57);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 9, 0);
        assertEquals(5, vm.reg(3));

        Interpreter enough = javmJumpIntoBlock(69);
        enough.run();
        assertExit(enough, ExitKind.TRAP, 9, 0);
    }

    @Test
    void javmOutOfGasOnATakenBranchIntoABlock() {
        // branch_eq_imm r1, 0, L (pc0): target is not trap/unlikely → BR 20 → cost 17
        // | trap (pc6) | L: div_u_64 (pc7) · trap (pc10): cost 57
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.regImmJump(81, 1, 0, l).trap().bind(l).threeReg(203, 1, 2, 3).trap();
        Interpreter vm = Vms.vm(c, Profile.JAVM, 17 + 56);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 7, 0);
        Interpreter enough = Vms.vm(c, Profile.JAVM, 17 + 57);
        enough.run();
        assertExit(enough, ExitKind.TRAP, 10, 0);
    }
}
