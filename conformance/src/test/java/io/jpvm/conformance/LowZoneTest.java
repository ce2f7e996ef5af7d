package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertBytes;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * Memory below 0x10000. gp072 (gp-conformance.md §6): if the lowest offending byte is below 2^16 the
 * access panics (registers and memory unchanged); pages there cannot be mapped. javm (README table):
 * ordinary memory, address 0 included; an unmapped low page is an ordinary page fault.
 */
class LowZoneTest {

    @Test
    void gp072LoadBelow0x10000Panics() {
        Interpreter vm = Vms.vm(new TestCode().regImm(52, 1, 0x100), Profile.GP072, 100); // load_u8
        vm.setReg(1, 0x5555);
        long[] before = vm.registers();
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, 98); // block: load + implicit trap
        assertArrayEquals(before, vm.registers());
    }

    @Test
    void gp072StoreBelow0x10000Panics() {
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        Interpreter vm = Vms.vm(new TestCode().regImm(59, 1, 0xFFFF), Profile.GP072, mem, 100); // store_u8
        vm.setReg(1, 0x42);
        long[] before = vm.registers();
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, 98);
        assertArrayEquals(before, vm.registers());
    }

    @Test
    void gp072StoreToAddressZeroPanics() {
        Interpreter vm = Vms.vm(new TestCode().twoImm(33, 0, 7), Profile.GP072, 100); // store_imm_u64 [0]
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, 98);
    }

    @Test
    void gp072AccessStartingBelow0x10000IntoMappedMemoryPanics() {
        // load_ind_u32 r1 = [r2]: bytes 0xFFFE, 0xFFFF (low zone) and 0x10000, 0x10001 (mapped)
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        mem.mapZero(0x10, 1, true);
        Interpreter vm = Vms.vm(new TestCode().twoRegImm(128, 1, 2, 0), Profile.GP072, mem, 100);
        vm.setReg(1, 0x99);
        vm.setReg(2, 0xFFFE);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0);
        assertEquals(0x99, vm.reg(1));

        // the same as a store: nothing written to the mapped part
        Interpreter st = Vms.vm(new TestCode().twoRegImm(122, 1, 2, 0), Profile.GP072, mem, 100);
        st.setReg(1, -1);
        st.setReg(2, 0xFFFE);
        assertEquals(ExitKind.PANIC, st.run());
        assertBytes(mem, 0x10000, 0, 0);
    }

    @Test
    void gp072UnmappedAccessAt0x10000IsAPageFault() {
        Interpreter vm = Vms.vm(new TestCode().regImm(52, 1, 0x10000), Profile.GP072, 100);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x10000L, vm.exitArg());
    }

    @Test
    void gp072PagesBelow0x10000CannotBeMapped() {
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        assertThrows(IllegalArgumentException.class, () -> mem.map(0, new byte[4096], true));
        assertThrows(IllegalArgumentException.class, () -> mem.map(0xF, new byte[4096], false));
        assertThrows(IllegalArgumentException.class, () -> mem.mapZero(0xF, 1, true));
        assertDoesNotThrow(() -> mem.map(0x10, new byte[4096], true));
    }

    @Test
    void javmAddressZeroIsOrdinaryMemory() {
        // store_u64 r1 → [0] · load_u64 r2 ← [0] · trap
        GuestMemory mem = GuestMemory.forProfile(Profile.JAVM);
        mem.mapZero(0, 1, true);
        TestCode c = new TestCode().regImm(62, 1, 0).regImm(58, 2, 0).trap();
        Interpreter vm = Vms.vm(c, Profile.JAVM, mem, 1000);
        vm.setReg(1, 0x0102030405060708L);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, c.pc() - 1);
        assertEquals(0x0102030405060708L, vm.reg(2));
        assertBytes(mem, 0, 8, 7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void javmLowPageUnmappedIsAPageFault() {
        Interpreter vm = Vms.vm(new TestCode().regImm(52, 1, 0x100), Profile.JAVM, 1000);
        vm.setReg(1, 0x5555);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0L, vm.exitArg());
        assertEquals(0x5555, vm.reg(1));
    }
}
