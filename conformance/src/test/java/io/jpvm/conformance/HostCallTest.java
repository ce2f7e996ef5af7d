package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * ecalli / ecall exits and resumption. gp072: gp-conformance.md §11 and §5 (ecalli is not a
 * terminator, so the whole basic block around it is paid on entry). javm: javm-reference.md §1.3
 * (pc := next pc, exit HostCall) and §4.2 (ecalli and ecall end a gas block; the next block is
 * charged on resumption).
 */
class HostCallTest {

    /** load_imm r7,11 (pc0) · ecalli 42 (pc3) · add_imm_64 r8,r7,1 (pc5) · jump_ind r0,0 (pc8). */
    private static TestCode gpProgram(long id) {
        return new TestCode().loadImm(7, 11).ecalli(id).twoRegImm(149, 8, 7, 1).jumpInd(0, 0);
    }

    @Test
    void gp072EcalliExitsAtItsOwnPcWithTheWholeBlockPaid() {
        Interpreter vm = Vms.vm(gpProgram(42), Profile.GP072, 100);
        vm.setReg(0, HALT_ADDRESS);
        assertEquals(ExitKind.HOST_CALL, vm.run());
        // one basic block of 4 instructions (ecalli is no terminator) charged on entry
        assertExit(vm, ExitKind.HOST_CALL, 3, 96);
        assertEquals(42, vm.exitArg(), "host call id");
        assertEquals(11, vm.reg(7), "instructions before ecalli ran");
        assertEquals(0, vm.reg(8), "instructions after ecalli did not run yet");
    }

    @Test
    void gp072ResumeContinuesAfterEcalliWithoutRecharging() {
        Interpreter vm = Vms.vm(gpProgram(42), Profile.GP072, 100);
        vm.setReg(0, HALT_ADDRESS);
        vm.run();
        vm.setReg(7, 99); // the host answers in a register
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 8, 96);
        assertEquals(100, vm.reg(8), "the instruction after ecalli saw the host's register write");
    }

    @Test
    void gp072HostCallIdIsSignExtendedThenTakenMod2To32() {
        Interpreter vm = Vms.vm(gpProgram(-128), Profile.GP072, 100); // 1-byte immediate 0x80
        vm.setReg(0, HALT_ADDRESS);
        vm.run();
        assertEquals(ExitKind.HOST_CALL, vm.exitKind());
        assertEquals(0xFFFFFF80L, vm.exitArg());

        Interpreter vm2 = Vms.vm(gpProgram(-32768), Profile.GP072, 100); // 2-byte immediate 0x8000
        vm2.run();
        assertEquals(0xFFFF8000L, vm2.exitArg());

        Interpreter vm3 = Vms.vm(gpProgram(0), Profile.GP072, 100); // zero-length immediate
        vm3.run();
        assertEquals(ExitKind.HOST_CALL, vm3.exitKind());
        assertEquals(0L, vm3.exitArg());
    }

    @Test
    void gp072EcalliInABlockThatCannotBePaidIsOutOfGasAtTheBlockStart() {
        Interpreter vm = Vms.vm(gpProgram(42), Profile.GP072, 3);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 0, 3);
        assertEquals(0, vm.reg(7));
    }

    /**
     * javm: load_imm r7,11 (pc0) · ecalli 42 (pc3) | add_imm_64 r8,r7,1 (pc5) · trap (pc8).
     * Block costs (§4.3): [load_imm, ecalli] max_done 100 → 97; [add_imm_64, trap] max_done 2 → 1.
     */
    private static TestCode javmProgram(long id) {
        return new TestCode().loadImm(7, 11).ecalli(id).twoRegImm(149, 8, 7, 1).trap();
    }

    @Test
    void javmEcalliExitsWithTheNextPc() {
        Interpreter vm = Vms.vm(javmProgram(42), Profile.JAVM, 1000);
        assertEquals(ExitKind.HOST_CALL, vm.run());
        assertExit(vm, ExitKind.HOST_CALL, 5, 903);
        assertEquals(42, vm.exitArg());
        assertEquals(11, vm.reg(7));
        assertEquals(0, vm.reg(8));
    }

    @Test
    void javmResumeChargesTheNextGasBlock() {
        Interpreter vm = Vms.vm(javmProgram(42), Profile.JAVM, 1000);
        vm.run();
        vm.setReg(7, 99);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 8, 902);
        assertEquals(100, vm.reg(8));
    }

    @Test
    void javmResumeWithoutGasForTheNextBlockIsOutOfGasThere() {
        Interpreter vm = Vms.vm(javmProgram(42), Profile.JAVM, 1000);
        vm.run();
        vm.setGas(0);
        assertEquals(ExitKind.OUT_OF_GAS, vm.run());
        assertExit(vm, ExitKind.OUT_OF_GAS, 5, 0);
        assertEquals(0, vm.reg(8));
        vm.setGas(1); // exactly the next block's cost
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 8, 0);
        assertEquals(12, vm.reg(8));
    }

    @Test
    void javmHostCallIdIsSignExtendedThenTakenMod2To32() {
        Interpreter vm = Vms.vm(javmProgram(-128), Profile.JAVM, 1000);
        vm.run();
        assertEquals(ExitKind.HOST_CALL, vm.exitKind());
        assertEquals(0xFFFFFF80L, vm.exitArg());
    }

    @Test
    void javmEcallExitsWithTheNextPcAndResumes() {
        // ecall (pc0) | load_imm r8,5 (pc1) · trap (pc4); [ecall] costs 1 (1 cycle), [load_imm, trap] 1
        TestCode c = new TestCode().op(3).loadImm(8, 5).trap();
        Interpreter vm = Vms.vm(c, Profile.JAVM, 10);
        assertEquals(ExitKind.ECALL, vm.run());
        assertExit(vm, ExitKind.ECALL, 1, 9);
        assertEquals(0, vm.reg(8));
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 4, 8);
        assertEquals(5, vm.reg(8));
    }
}
