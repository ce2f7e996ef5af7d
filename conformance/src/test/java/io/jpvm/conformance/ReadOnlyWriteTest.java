package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertBytes;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes to read-only pages: a page fault in both profiles (gp-conformance.md §6, "write to a
 * read-only page: GP 0.7.x → page-fault"; README profile table). The fault address is the page of
 * the lowest non-writable byte; registers and memory stay unchanged; reads of read-only pages work.
 */
class ReadOnlyWriteTest {

    private static GuestMemory readOnlyAt0x20(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0xAB), false);
        return mem;
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeIndirectToReadOnlyPageFaults(Profile p) {
        GuestMemory mem = readOnlyAt0x20(p);
        Interpreter vm = Vms.vm(new TestCode().twoRegImm(122, 1, 2, 0x10), p, mem, 1000); // store_ind_u32
        vm.setReg(1, 0x11223344);
        vm.setReg(2, 0x20000);
        long[] before = vm.registers();
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0);
        assertEquals(0x20000L, vm.exitArg(), "fault address = page of the access");
        assertBytes(mem, 0x20010, 0xAB, 0xAB, 0xAB, 0xAB);
        assertArrayEquals(before, vm.registers());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeImmediateAndAbsoluteStoresToReadOnlyPageFault(Profile p) {
        GuestMemory mem = readOnlyAt0x20(p);
        Interpreter vm = Vms.vm(new TestCode().twoImm(30, 0x20FFF, 1), p, mem, 1000); // store_imm_u8
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x20000L, vm.exitArg());
        assertBytes(mem, 0x20FFF, 0xAB);

        Interpreter vm2 = Vms.vm(new TestCode().regImm(62, 1, 0x20800), p, mem, 1000); // store_u64
        vm2.setReg(1, -1);
        assertEquals(ExitKind.PAGE_FAULT, vm2.run());
        assertEquals(0x20000L, vm2.exitArg());
        assertBytes(mem, 0x20800, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void loadFromReadOnlyPageWorks(Profile p) {
        GuestMemory mem = readOnlyAt0x20(p);
        Interpreter vm = Vms.vm(new TestCode().regImm(56, 1, 0x20004), p, mem, 1000); // load_u32
        vm.run();
        assertEquals(p == Profile.GP072 ? ExitKind.PANIC : ExitKind.TRAP, vm.exitKind(), "ran off the end");
        assertEquals(0xABABABABL, vm.reg(1));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeFromWritableIntoReadOnlyPageFaultsAtTheReadOnlyPage(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0x11), true);
        mem.map(0x21, Vms.page(0x22), false);
        Interpreter vm = Vms.vm(new TestCode().regImm(60, 1, 0x20FFF), p, mem, 1000); // store_u16
        vm.setReg(1, 0xBEEF);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x21000L, vm.exitArg(), "page of the lowest non-writable byte");
        assertBytes(mem, 0x20FFF, 0x11, 0x22); // no partial write
    }

    @Test
    void gp072FaultChargesTheWholeBlock() {
        // load_imm r1 · store_u8 r1 → RO · load_imm r2 · end: 4 instructions incl. the implicit trap
        GuestMemory mem = readOnlyAt0x20(Profile.GP072);
        TestCode c = new TestCode().loadImm(1, 5).regImm(59, 1, 0x20000).loadImm(2, 6);
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 1000);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 3, 996);
        assertEquals(5, vm.reg(1));
        assertEquals(0, vm.reg(2));
    }

    @Test
    void javmFaultChargesTheGasBlock() {
        // store_u32 r1 (srcs a=1, b=0, 25 cycles) · trap: max_done 25 → cost 22
        GuestMemory mem = readOnlyAt0x20(Profile.JAVM);
        Interpreter vm = Vms.vm(new TestCode().regImm(61, 1, 0x20000).trap(), Profile.JAVM, mem, 1000);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0, 978);
        assertEquals(0x20000L, vm.exitArg());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void makingThePageWritableAndResumingCompletesTheStore(Profile p) {
        GuestMemory mem = readOnlyAt0x20(p);
        Interpreter vm = Vms.vm(new TestCode().regImm(61, 1, 0x20000), p, mem, 1000);
        vm.setReg(1, 0x11223344);
        vm.run();
        long gasAfterFault = vm.gas();
        assertEquals(true, mem.setWritable(0x20, true));
        vm.run();
        assertEquals(p == Profile.GP072 ? ExitKind.PANIC : ExitKind.TRAP, vm.exitKind());
        assertBytes(mem, 0x20000, 0x44, 0x33, 0x22, 0x11);
        // gp072: the block (store + implicit trap) was paid before the fault; javm: the implicit trap costs 1
        assertEquals(p == Profile.GP072 ? gasAfterFault : gasAfterFault - 1, vm.gas());
    }
}
