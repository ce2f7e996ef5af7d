package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Load widths: load_uN zero-extends, load_iN sign-extends, 64-bit is raw, little-endian
 * (gp-conformance.md §6 and §8 ops 52–58, 124–130; javm-reference.md §1.3 "Loads"). Stores write the
 * low N bits only.
 */
class LoadExtensionTest {
    private static final int[] ABSOLUTE = {52, 53, 54, 55, 56, 57, 58};
    private static final int[] INDIRECT = {124, 125, 126, 127, 128, 129, 130};
    private static final String[] NAMES = {"u8", "i8", "u16", "i16", "u32", "i32", "u64"};

    /** Bytes 0x81..0x88 at 0x20000 (top bits set), 0x7E..0x77 at 0x20010 (top bits clear). */
    private static GuestMemory memory(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, new byte[GuestMemory.PAGE_SIZE], false);
        mem.poke(0x20000, new byte[] {(byte) 0x81, (byte) 0x82, (byte) 0x83, (byte) 0x84, (byte) 0x85,
            (byte) 0x86, (byte) 0x87, (byte) 0x88});
        mem.poke(0x20010, new byte[] {0x7E, 0x7D, 0x7C, 0x7B, 0x7A, 0x79, 0x78, 0x77});
        return mem;
    }

    private static final long[] NEGATIVE = {
        0x81L, 0xFFFF_FFFF_FFFF_FF81L, 0x8281L, 0xFFFF_FFFF_FFFF_8281L, 0x8483_8281L, 0xFFFF_FFFF_8483_8281L,
        0x8887_8685_8483_8281L};
    private static final long[] POSITIVE = {
        0x7EL, 0x7EL, 0x7D7EL, 0x7D7EL, 0x7B7C_7D7EL, 0x7B7C_7D7EL, 0x7778_797A_7B7C_7D7EL};

    @ParameterizedTest
    @EnumSource(Profile.class)
    void absoluteLoads(Profile p) {
        GuestMemory mem = memory(p);
        for (int k = 0; k < ABSOLUTE.length; k++) {
            assertEquals(NEGATIVE[k], load(p, mem, new TestCode().regImm(ABSOLUTE[k], 1, 0x20000), 0),
                    p.id() + " load_" + NAMES[k] + " of 0x81..");
            assertEquals(POSITIVE[k], load(p, mem, new TestCode().regImm(ABSOLUTE[k], 1, 0x20010), 0),
                    p.id() + " load_" + NAMES[k] + " of 0x7E..");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void indirectLoads(Profile p) {
        GuestMemory mem = memory(p);
        for (int k = 0; k < INDIRECT.length; k++) {
            assertEquals(NEGATIVE[k], load(p, mem, new TestCode().twoRegImm(INDIRECT[k], 1, 2, 0x10), 0x1FFF0),
                    p.id() + " load_ind_" + NAMES[k] + " of 0x81..");
            assertEquals(POSITIVE[k], load(p, mem, new TestCode().twoRegImm(INDIRECT[k], 1, 2, 0x10), 0x20000),
                    p.id() + " load_ind_" + NAMES[k] + " of 0x7E..");
        }
    }

    /** Runs one load into r1 (preset to garbage) with r2 = base; returns r1. */
    private static long load(Profile p, GuestMemory mem, TestCode c, long base) {
        Interpreter vm = Vms.vm(c, p, mem, 100);
        vm.setReg(1, 0xDEAD_BEEF_DEAD_BEEFL);
        vm.setReg(2, base);
        vm.run();
        return vm.reg(1);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storesWriteTheLowBytesOnly(Profile p) {
        GuestMemory mem = GuestMemory.forProfile(p);
        mem.map(0x20, Vms.page(0xEE), true);
        // store_ind_u8/u16/u32/u64 [r2 + 0x00/0x10/0x20/0x30] = r1
        TestCode c = new TestCode().twoRegImm(120, 1, 2, 0).twoRegImm(121, 1, 2, 0x10).twoRegImm(122, 1, 2, 0x20)
                .twoRegImm(123, 1, 2, 0x30);
        Interpreter vm = Vms.vm(c, p, mem, 1000);
        vm.setReg(1, 0x1122_3344_5566_7788L);
        vm.setReg(2, 0x20000);
        vm.run();
        assertBytes(mem, 0x20000, 0x88, 0xEE);
        assertBytes(mem, 0x20010, 0x88, 0x77, 0xEE);
        assertBytes(mem, 0x20020, 0x88, 0x77, 0x66, 0x55, 0xEE);
        assertBytes(mem, 0x20030, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xEE);
    }
}
