package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertBytes;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Accesses straddling two pages (gp-conformance.md §6): the fault address is the page of the lowest
 * offending byte ("a u16 store at 0x20FFF with only 0x20000 mapped faults at 0x21000"); no partial
 * writes; registers unchanged; unaligned accesses are otherwise fine (javm-reference.md §1.2).
 */
class PageStraddleTest {

    private static GuestMemory onlyFirstPage(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0x11), true);
        return mem;
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeIntoUnmappedSecondPageFaultsThereAndWritesNothing(Profile p) {
        GuestMemory mem = onlyFirstPage(p);
        Interpreter vm = Vms.vm(new TestCode().regImm(61, 1, 0x20FFE), p, mem, 1000); // store_u32
        vm.setReg(1, 0xAABBCCDDL);
        long[] before = vm.registers();
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0);
        assertEquals(0x21000L, vm.exitArg());
        assertBytes(mem, 0x20FFE, 0x11, 0x11);
        assertArrayEquals(before, vm.registers());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void gpVectorExampleU16At0x20FFF(Profile p) {
        GuestMemory mem = onlyFirstPage(p);
        Interpreter vm = Vms.vm(new TestCode().twoImm(31, 0x20FFF, 0x1234), p, mem, 1000); // store_imm_u16
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x21000L, vm.exitArg());
        assertBytes(mem, 0x20FFF, 0x11);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void loadFromUnmappedSecondPageFaultsThere(Profile p) {
        GuestMemory mem = onlyFirstPage(p);
        Interpreter vm = Vms.vm(new TestCode().regImm(58, 1, 0x20FFC), p, mem, 1000); // load_u64
        vm.setReg(1, 0x66);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x21000L, vm.exitArg());
        assertEquals(0x66, vm.reg(1));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void unmappedFirstPageIsTheLowestOffendingByte(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0x11), true);
        Interpreter vm = Vms.vm(new TestCode().regImm(54, 1, 0x1FFFF), p, mem, 1000); // load_u16
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0x1F000L, vm.exitArg());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void mappingTheSecondPageAndResumingCompletesTheStore(Profile p) {
        GuestMemory mem = onlyFirstPage(p);
        Interpreter vm = Vms.vm(new TestCode().regImm(61, 1, 0x20FFE), p, mem, 1000);
        vm.setReg(1, 0xAABBCCDDL);
        vm.run();
        mem.map(0x21, Vms.page(0x22), true);
        vm.run();
        assertEquals(p == Profile.GP072 ? ExitKind.PANIC : ExitKind.TRAP, vm.exitKind(), "ran off the end");
        assertBytes(mem, 0x20FFE, 0xDD, 0xCC, 0xBB, 0xAA, 0x22);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void straddlingAccessOverTwoMappedPagesWorks(Profile p) {
        GuestMemory mem = onlyFirstPage(p);
        mem.map(0x21, Vms.page(0x22), true);
        Interpreter vm = Vms.vm(new TestCode().regImm(58, 1, 0x20FFC), p, mem, 1000);
        vm.run();
        assertEquals(0x2222222211111111L, vm.reg(1));
    }
}
