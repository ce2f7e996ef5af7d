package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid instructions. gp-conformance.md §4: an undefined opcode byte or a bitmask-0 position
 * behaves as trap → panic at that pc, costing 1; skip is capped at 24, so a bitmask gap longer than
 * 24 bytes lands execution on a non-instruction. README table: opcodes 2 and 3 are invalid in gp072,
 * an invalid opcode panics in javm too (never skipped, javm-reference.md §1.3), opcode 0 is a panic in
 * gp072 and a trap in javm.
 */
class InvalidOpcodeTest {

    /** load_imm r1,1 (pc0) · [op] (pc3) · load_imm r2,2 (pc4) · trap (pc7). */
    private static TestCode around(int op) {
        return new TestCode().loadImm(1, 1).op(op).loadImm(2, 2).trap();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 9, 11, 19, 21, 29, 34, 41, 49, 63, 69, 74, 79, 91, 99, 112, 119, 162, 169, 176,
        179, 181, 189, 231, 255})
    void undefinedOpcodePanicsInBothProfiles(int op) {
        Interpreter gp = Vms.vm(around(op), Profile.GP072, 100);
        assertEquals(ExitKind.PANIC, gp.run());
        assertExit(gp, ExitKind.PANIC, 3, 98); // block: load_imm + the invalid instruction
        assertEquals(1, gp.reg(1));
        assertEquals(0, gp.reg(2), "execution does not continue past the invalid opcode");

        Interpreter javm = Vms.vm(around(op), Profile.JAVM, 100);
        assertEquals(ExitKind.PANIC, javm.run());
        assertExit(javm, ExitKind.PANIC, 3, 99); // pipeline cost of the block is 1
        assertEquals(1, javm.reg(1));
        assertEquals(0, javm.reg(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void unlikelyAndEcallAreInvalidInGp072(int op) {
        Interpreter vm = Vms.vm(around(op), Profile.GP072, 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 3, 98);
        assertEquals(0, vm.reg(2));
    }

    @Test
    void unlikelyIsANoOpInJavm() {
        Interpreter vm = Vms.vm(around(2), Profile.JAVM, 1000);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 7);
        assertEquals(2, vm.reg(2));
    }

    @Test
    void ecallIsValidInJavm() {
        Interpreter vm = Vms.vm(around(3), Profile.JAVM, 1000);
        assertEquals(ExitKind.ECALL, vm.run());
        assertExit(vm, ExitKind.ECALL, 4);
    }

    @Test
    void invalidOpcodeAtPcZeroIsNeverSkipped() {
        for (Profile p : Profile.values()) {
            Interpreter vm = Vms.vm(new TestCode().op(4).loadImm(1, 1).trap(), p, 100);
            assertEquals(ExitKind.PANIC, vm.run(), p.id());
            assertExit(vm, ExitKind.PANIC, 0);
            assertEquals(0, vm.reg(1), p.id());
        }
    }

    @Test
    void trapOpcodeIsPanicInGp072AndTrapInJavm() {
        Interpreter gp = Vms.vm(new TestCode().loadImm(1, 1).trap().loadImm(2, 2), Profile.GP072, 100);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 3, 98);
        Interpreter javm = Vms.vm(new TestCode().loadImm(1, 1).trap().loadImm(2, 2), Profile.JAVM, 100);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 3, 99);
        assertEquals(0, javm.reg(2));
    }

    /**
     * load_imm r1 at pc0 followed by 29 non-start bytes, then trap at pc30: skip is capped at 24, so
     * the next pc is 25, whose bitmask bit is 0 (the byte there, 51, is not an instruction start).
     * The load_imm immediate is min(4, ℓ − 1) = 4 bytes.
     */
    private static CodeBlob longGap() {
        TestCode c = new TestCode().insn(51, 1, 0x78, 0x56, 0x34, 0x12);
        for (int pc = 6; pc < 25; pc++) {
            c.raw(0xEE);
        }
        c.raw(51, 2, 7, 0xEE, 0xEE); // pc25..29
        c.trap(); // pc30
        return c.blob();
    }

    @Test
    void bitmaskGapLongerThan24BytesPanicsAtPc25InGp072() {
        Interpreter vm = Vms.vm(longGap(), Profile.GP072, GuestMemory.forProfile(Profile.GP072), 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 25, 98);
        assertEquals(0x12345678L, vm.reg(1));
        assertEquals(0, vm.reg(2));
    }

    @Test
    void bitmaskGapLongerThan24BytesPanicsAtPc25InJavm() {
        Interpreter vm = Vms.vm(longGap(), Profile.JAVM, GuestMemory.forProfile(Profile.JAVM), 100);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 25, 99);
        assertEquals(0x12345678L, vm.reg(1));
        assertEquals(0, vm.reg(2));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void startingAtABitmaskZeroPositionPanics(Profile p) {
        Interpreter vm = Vms.vm(new TestCode().loadImm(1, 1).trap(), p, 100);
        vm.setPc(1);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 1);
        assertEquals(0, vm.reg(1));
        if (p == Profile.GP072) {
            assertEquals(99, vm.gas(), "gp072: the trap-like position costs 1");
        }
    }
}
