package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertBytes;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * sbrk (101, A.5.9: rD = low nibble, rA = high nibble). gp072: gp-conformance.md §8 (heap-pointer
 * convention: sbrk(0) returns the pointer, sbrk(n) returns the old pointer, advances it by n and
 * maps newly needed pages RW); the pointer starts at the first unreadable address ≥ the heap start.
 * javm: javm-reference.md §1.3/§1.4 (sbrk always panics) and the README profile table.
 */
class SbrkTest {
    private static final int SBRK = 101;

    @Test
    void gp072HeapGrowsFromTheFirstUnreadableAddressAndMapsPagesReadWrite() {
        TestCode c = new TestCode()
                .twoReg(SBRK, 8, 7) // pc0: r8 = sbrk(r7 = 0)
                .twoReg(SBRK, 9, 10) // pc2: r9 = sbrk(r10 = 5000)
                .twoReg(SBRK, 11, 7) // pc4: r11 = sbrk(0)
                .twoReg(SBRK, 12, 6) // pc6: r12 = sbrk(r6 = 4096)
                .twoRegImm(120, 10, 12, 4095) // pc8: store_ind_u8 [r12 + 4095] = r10
                .jumpInd(0, 0); // pc12: halt
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        mem.mapZero(0x10, 2, false); // 0x10000..0x11FFF readable: the heap pointer starts at 0x12000
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 100);
        vm.setReg(0, HALT_ADDRESS);
        vm.setReg(10, 5000);
        vm.setReg(6, 4096);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 12, 94);
        assertEquals(0x12000L, vm.reg(8), "sbrk(0) returns the heap pointer");
        assertEquals(0x12000L, vm.reg(9), "sbrk(n) returns the old pointer");
        assertEquals(0x12000L + 5000, vm.reg(11), "the pointer advanced by exactly n");
        assertEquals(0x13388L, vm.reg(12));
        for (long a : new long[] {0x12000, 0x12FFF, 0x13000, 0x13FFF, 0x14000, 0x14FFF}) {
            assertTrue(mem.isWritable(a), () -> "heap page mapped RW at 0x" + Long.toHexString(a));
        }
        assertFalse(mem.isReadable(0x15000), "no page beyond the new pointer's page");
        assertBytes(mem, 0x14387, 0x88); // the store into the new page (5000 = 0x1388)
        assertBytes(mem, 0x12000, 0, 0, 0, 0); // zero-filled
    }

    @Test
    void gp072SbrkZeroMapsNothing() {
        TestCode c = new TestCode().twoReg(SBRK, 8, 7).jumpInd(0, 0);
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 10);
        vm.setReg(0, HALT_ADDRESS);
        vm.run();
        assertExit(vm, ExitKind.HALT, 2, 8);
        assertEquals(0x10000L, vm.reg(8), "default heap start 0x10000, nothing mapped there");
        assertFalse(mem.isReadable(0x10000));
    }

    @Test
    void gp072HeapStartSkipsReadOnlyPages() {
        TestCode c = new TestCode().twoReg(SBRK, 8, 7).twoReg(SBRK, 9, 6).jumpInd(0, 0);
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        mem.mapZero(0x30, 2, false); // read-only counts as readable
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 10);
        vm.setHeapStart(0x30000);
        vm.setReg(0, HALT_ADDRESS);
        vm.setReg(6, 1);
        vm.run();
        assertEquals(ExitKind.HALT, vm.exitKind());
        assertEquals(0x32000L, vm.reg(8));
        assertEquals(0x32000L, vm.reg(9));
        assertTrue(mem.isWritable(0x32000));
        assertFalse(mem.isReadable(0x33000));
        assertFalse(mem.isWritable(0x31000), "existing read-only pages are left alone");
    }

    @Test
    void gp072UnalignedHeapStartIsUsedAsIs() {
        TestCode c = new TestCode().twoReg(SBRK, 8, 6).twoReg(SBRK, 9, 7).jumpInd(0, 0);
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 10);
        vm.setHeapStart(0x20010);
        vm.setReg(0, HALT_ADDRESS);
        vm.setReg(6, 16);
        vm.run();
        assertEquals(ExitKind.HALT, vm.exitKind());
        assertEquals(0x20010L, vm.reg(8));
        assertEquals(0x20020L, vm.reg(9));
        assertTrue(mem.isWritable(0x20000), "the page holding the new bytes is mapped whole");
        assertFalse(mem.isReadable(0x21000));
    }

    @Test
    void gp072RequestPast2To32ReturnsZeroAndChangesNothing() {
        // docs/semantics.md "gp072 sbrk": a request that would pass 2^32 returns 0
        TestCode c = new TestCode().twoReg(SBRK, 8, 6).twoReg(SBRK, 9, 7).jumpInd(0, 0);
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        Interpreter vm = Vms.vm(c, Profile.GP072, mem, 10);
        vm.setHeapStart(0xFFFFF000L);
        vm.setReg(0, HALT_ADDRESS);
        vm.setReg(6, 0x2000);
        vm.setReg(8, 0x55);
        vm.run();
        assertEquals(ExitKind.HALT, vm.exitKind());
        assertEquals(0L, vm.reg(8));
        assertEquals(0xFFFFF000L, vm.reg(9), "pointer unchanged");
        assertFalse(mem.isReadable(0xFFFFF000L), "nothing mapped");
    }

    @Test
    void javmSbrkPanics() {
        // sbrk r8, r7 · trap: block cost max(2,2) → 1
        TestCode c = new TestCode().twoReg(SBRK, 8, 7).trap();
        GuestMemory mem = GuestMemory.forProfile(Profile.JAVM);
        Interpreter vm = Vms.vm(c, Profile.JAVM, mem, 10);
        vm.setReg(7, 4096);
        vm.setReg(8, 0x77);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 0, 9);
        assertEquals(0x77, vm.reg(8), "destination unchanged");
        assertFalse(mem.isReadable(0x10000), "nothing mapped");
    }
}
