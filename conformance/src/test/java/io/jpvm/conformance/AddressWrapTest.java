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
 * The top of the address space. Effective addresses are (reg + imm) mod 2^32 (gp-conformance.md §6,
 * javm-reference.md §1.2), but an access's bytes do not wrap: a byte at or above 2^32 is never
 * accessible and is reported mod 2^32 (javm-reference.md §1.2 "no wrap-around at 2^32"; project
 * rule). So the lowest offending byte of an access crossing 2^32 is reported as 0, which in gp072 is
 * below 0x10000 → panic, and in javm a page fault at 0. Nothing is written, registers are unchanged.
 */
class AddressWrapTest {

    private static GuestMemory topPage(Profile p, boolean alsoPageZero) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0xFFFFF, Vms.page(0xCC), true);
        if (alsoPageZero) {
            mem.map(0, Vms.page(0xDD), true);
        }
        return mem;
    }

    @Test
    void javmEightByteStoreAt0xFFFFFFFCFaultsAtZero() {
        GuestMemory mem = topPage(Profile.JAVM, false);
        Interpreter vm = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFFC), Profile.JAVM, mem, 1000);
        vm.setReg(1, 0x1122334455667788L);
        long[] before = vm.registers();
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0);
        assertEquals(0L, vm.exitArg(), "the byte 2^32 is reported as address 0");
        assertBytes(mem, 0xFFFFFFFCL, 0xCC, 0xCC, 0xCC, 0xCC);
        assertArrayEquals(before, vm.registers());
    }

    @Test
    void javmNoWrapAroundEvenWhenPageZeroIsMapped() {
        GuestMemory mem = topPage(Profile.JAVM, true);
        Interpreter vm = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFFC), Profile.JAVM, mem, 1000);
        vm.setReg(1, 0x1122334455667788L);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0L, vm.exitArg());
        assertBytes(mem, 0xFFFFFFFCL, 0xCC, 0xCC, 0xCC, 0xCC);
        assertBytes(mem, 0, 0xDD, 0xDD, 0xDD, 0xDD);
    }

    @Test
    void gp072EightByteStoreAt0xFFFFFFFCPanics() {
        GuestMemory mem = topPage(Profile.GP072, false);
        Interpreter vm = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFFC), Profile.GP072, mem, 1000);
        vm.setReg(1, 0x1122334455667788L);
        long[] before = vm.registers();
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, 998);
        assertBytes(mem, 0xFFFFFFFCL, 0xCC, 0xCC, 0xCC, 0xCC);
        assertArrayEquals(before, vm.registers());
    }

    @Test
    void loadCrossing2To32() {
        // load_u32 r1 ← [0xFFFFFFFE]: bytes 0xFFFFFFFE, 0xFFFFFFFF, 2^32, 2^32 + 1
        Interpreter javm = Vms.vm(new TestCode().regImm(56, 1, 0xFFFFFFFE), Profile.JAVM, topPage(Profile.JAVM, true), 1000);
        javm.setReg(1, 0x77);
        assertEquals(ExitKind.PAGE_FAULT, javm.run());
        assertEquals(0L, javm.exitArg());
        assertEquals(0x77, javm.reg(1));

        Interpreter gp = Vms.vm(new TestCode().regImm(56, 1, 0xFFFFFFFE), Profile.GP072, topPage(Profile.GP072, false), 1000);
        gp.setReg(1, 0x77);
        assertEquals(ExitKind.PANIC, gp.run());
        assertEquals(0x77, gp.reg(1));
    }

    @Test
    void indirectStoreCrossing2To32() {
        // store_ind_u16 [r2 + 0] = r1 with r2 = 0xFFFFFFFF
        GuestMemory jm = topPage(Profile.JAVM, true);
        Interpreter javm = Vms.vm(new TestCode().twoRegImm(121, 1, 2, 0), Profile.JAVM, jm, 1000);
        javm.setReg(1, 0xABCD);
        javm.setReg(2, 0xFFFFFFFFL);
        assertEquals(ExitKind.PAGE_FAULT, javm.run());
        assertEquals(0L, javm.exitArg());
        assertBytes(jm, 0xFFFFFFFFL, 0xCC);
        assertBytes(jm, 0, 0xDD);

        GuestMemory gm = topPage(Profile.GP072, false);
        Interpreter gp = Vms.vm(new TestCode().twoRegImm(121, 1, 2, 0), Profile.GP072, gm, 1000);
        gp.setReg(1, 0xABCD);
        gp.setReg(2, 0xFFFFFFFFL);
        assertEquals(ExitKind.PANIC, gp.run());
        assertBytes(gm, 0xFFFFFFFFL, 0xCC);
    }

    @Test
    void crossingAccessWithTheTopPageUnmappedToo() {
        // touched bytes mod 2^32: 0xFFFFFFFC..0xFFFFFFFF (unmapped) and 0..3 (beyond 2^32): the lowest
        // offending index is 0 (gp-conformance.md §6: min(x) over indices taken mod 2^32)
        Interpreter javm = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFFC), Profile.JAVM, 1000);
        assertEquals(ExitKind.PAGE_FAULT, javm.run());
        assertEquals(0L, javm.exitArg());
        Interpreter gp = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFFC), Profile.GP072, 1000);
        assertEquals(ExitKind.PANIC, gp.run(), "min(x) = 0 < 2^16");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void unmappedTopPageFaultsAtItsStart(Profile p) {
        // store_u32 at 0xFFFFFFFC ends exactly at 2^32: only the unmapped top page is touched
        Interpreter vm = Vms.vm(new TestCode().regImm(61, 1, 0xFFFFFFFC), p, 1000);
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertEquals(0xFFFFF000L, vm.exitArg());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void accessEndingExactlyAt2To32Works(Profile p) {
        // store_u64 r1 → [0xFFFFFFF8] · load_u64 r2 ← [0xFFFFFFF8]
        GuestMemory mem = topPage(p, false);
        Interpreter vm = Vms.vm(new TestCode().regImm(62, 1, 0xFFFFFFF8).regImm(58, 2, 0xFFFFFFF8), p, mem, 1000);
        vm.setReg(1, 0x0807060504030201L);
        vm.run();
        assertEquals(p == Profile.GP072 ? ExitKind.PANIC : ExitKind.TRAP, vm.exitKind(), "ran off the end");
        assertEquals(6, vm.exitPc());
        assertEquals(0x0807060504030201L, vm.reg(2));
        assertBytes(mem, 0xFFFFFFF8L, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void effectiveAddressWrapsMod2To32(Profile p) {
        // load_ind_u32 r1 ← [r2 + 0x20001] with r2 = 0xFFFFFFFF: 2^32 + 0x20000 ≡ 0x20000
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0), true);
        mem.poke(0x20000, new byte[] {0x44, 0x33, 0x22, 0x11});
        Interpreter vm = Vms.vm(new TestCode().twoRegImm(128, 1, 2, 0x20001), p, mem, 1000);
        vm.setReg(2, 0xFFFFFFFFL);
        vm.run();
        assertEquals(5, vm.exitPc(), "no fault: ran to the end");
        assertEquals(0x11223344L, vm.reg(1));

        // upper register bits are ignored: r2 = 0x7_0002_0000 + 0
        Interpreter vm2 = Vms.vm(new TestCode().twoRegImm(128, 1, 2, 0), p, mem, 1000);
        vm2.setReg(2, 0x7_0002_0000L);
        vm2.run();
        assertEquals(0x11223344L, vm2.reg(1));
    }
}
