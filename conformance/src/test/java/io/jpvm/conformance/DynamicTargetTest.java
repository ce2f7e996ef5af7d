package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dynamic jumps djump(a), a = (reg + imm) mod 2^32 (gp-conformance.md §5, javm-reference.md §1.3):
 * a = 0, odd, or > 2·len(j) panics at the jump; otherwise the target is j[a/2 − 1] and must be a
 * valid target (gp072 ϖ, javm gas-block start). gp072 halts on a = 0xFFFF0000 (pc = the jump's);
 * javm has no halt address.
 */
class DynamicTargetTest {

    /**
     * jump_ind r1,0 (pc0) | load_imm r2,7 (pc2) · load_imm r3,8 (pc5) · trap (pc8).
     * Jump table: [2 (block start), 5 (mid-block), 4 (inside an instruction)].
     */
    private static TestCode program() {
        return new TestCode().jumpInd(1, 0).loadImm(2, 7).loadImm(3, 8).trap().jumpTable(2, 5, 4);
    }

    private static void assertPanicAtTheJump(Interpreter vm, long gasLeft) {
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, gasLeft);
        assertEquals(0, vm.reg(2), "nothing ran after the jump");
        assertEquals(0, vm.reg(3));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 3, 4, 6, 7, 8, 0x100000000L, 0xFFFFFFFEL})
    void gp072InvalidAddressPanics(long address) {
        // 4 → j[1] = 5 (mid-block), 6 → j[2] = 4 (not an instruction), 8 > 2·3, 2^32 ≡ 0
        Interpreter vm = Vms.vm(program(), Profile.GP072, 100);
        vm.setReg(1, address);
        assertPanicAtTheJump(vm, 99);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 3, 4, 6, 7, 8, 0x100000000L, 0xFFFFFFFEL, HALT_ADDRESS})
    void javmInvalidAddressPanics(long address) {
        // jump_ind: 22 cycles → 19; 0xFFFF0000 is just an out-of-range address in javm
        Interpreter vm = Vms.vm(program(), Profile.JAVM, 100);
        vm.setReg(1, address);
        assertPanicAtTheJump(vm, 81);
    }

    @Test
    void validEntryIsTaken() {
        Interpreter gp = Vms.vm(program(), Profile.GP072, 100);
        gp.setReg(1, 2);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 8, 96); // [jump_ind] 1 + [load_imm, load_imm, trap] 3
        assertEquals(7, gp.reg(2));
        assertEquals(8, gp.reg(3));

        Interpreter javm = Vms.vm(program(), Profile.JAVM, 100);
        javm.setReg(1, 2);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 8, 80); // 19 + 1
        assertEquals(8, javm.reg(3));
    }

    @Test
    void addressIsTakenMod2To32() {
        for (Profile p : Profile.values()) {
            Interpreter vm = Vms.vm(program(), p, 100);
            vm.setReg(1, 0x500000002L);
            vm.run();
            assertEquals(8, vm.exitPc(), p.id() + ": upper register bits are ignored");
            assertEquals(7, vm.reg(2));

            // r1 + 3 = 2^32 + 2 ≡ 2
            TestCode c = new TestCode().jumpInd(1, 3).loadImm(2, 7).loadImm(3, 8).trap().jumpTable(3);
            Interpreter wrap = Vms.vm(c, p, 100);
            wrap.setReg(1, 0xFFFFFFFFL);
            wrap.run();
            assertEquals(9, wrap.exitPc(), p.id() + ": register + immediate wraps at 2^32");
            assertEquals(8, wrap.reg(3));
        }
    }

    @Test
    void lastTableEntryIsInRange() {
        // table [5, 2]: address 4 = 2·len(j) selects j[1] = 2
        for (Profile p : Profile.values()) {
            Interpreter vm = Vms.vm(program().jumpTable(5, 2), p, 100);
            vm.setReg(1, 4);
            vm.run();
            assertEquals(8, vm.exitPc(), p.id());
            assertEquals(7, vm.reg(2));
        }
    }

    @Test
    void gp072HaltAddressHaltsAtTheJump() {
        Interpreter vm = Vms.vm(program(), Profile.GP072, 100);
        vm.setReg(1, HALT_ADDRESS);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 0, 99);

        // reg + imm ≡ 0xFFFF0000 (mod 2^32) also halts
        Interpreter vm2 = Vms.vm(new TestCode().jumpInd(1, 0x10).trap(), Profile.GP072, 100);
        vm2.setReg(1, 0x7_FFFE_FFF0L);
        assertEquals(ExitKind.HALT, vm2.run());
        assertExit(vm2, ExitKind.HALT, 0, 99);
    }

    /** jump_ind r1,0 (pc0) | ecalli 1 (pc2) | load_imm r2,7 (pc4) · trap (pc7); j = [4]. */
    @Test
    void tableEntryAfterEcalliIsValidOnlyInJavm() {
        TestCode c = new TestCode().jumpInd(1, 0).ecalli(1).loadImm(2, 7).trap().jumpTable(4);
        Interpreter gp = Vms.vm(c, Profile.GP072, 100);
        gp.setReg(1, 2);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 0, 99);

        Interpreter javm = Vms.vm(c, Profile.JAVM, 100);
        javm.setReg(1, 2);
        assertEquals(ExitKind.TRAP, javm.run());
        assertExit(javm, ExitKind.TRAP, 7, 80);
        assertEquals(7, javm.reg(2));
    }
}
