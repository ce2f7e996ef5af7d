package io.jpvm.isa;

import static io.jpvm.isa.DeblobTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each operand class assembled to its expected bytes, cross-checked with {@link Decoder}. */
class AssemblerTest {

    private static CodeBlob asm(String source) {
        return Assembler.assemble(source).code();
    }

    /** Assembles one instruction, checks its bytes and returns its decoding (at pc 0). */
    private static Instruction one(String line, int... expected) {
        CodeBlob code = asm(line);
        assertArrayEquals(b(expected), code.code(), line);
        boolean[] mask = code.bitmask();
        assertTrue(mask[0], line);
        for (int i = 1; i < mask.length; i++) {
            assertTrue(!mask[i], line);
        }
        Instruction in = Decoder.decode(code, 0, Profile.JAVM);
        assertTrue(in.valid(), line);
        assertEquals(expected.length - 1, in.skip(), line);
        return in;
    }

    @Test
    void noOperands() {
        one("trap", 0);
        one("fallthrough", 1);
        one("unlikely", 2);
        one("ecall", 3);
    }

    @Test
    void oneImmediate() {
        assertEquals(0, one("ecalli 0", 10).imm1());
        assertEquals(5, one("ecalli 5", 10, 5).imm1());
        assertEquals(-1, one("ecalli -1", 10, 0xFF).imm1());
        assertEquals(128, one("ecalli 128", 10, 0x80, 0x00).imm1());
        assertEquals(-129, one("ecalli -129", 10, 0x7F, 0xFF).imm1());
        assertEquals(0x7FFFFFFF, one("ecalli 0x7fffffff", 10, 0xFF, 0xFF, 0xFF, 0x7F).imm1());
        assertEquals(Integer.MIN_VALUE, one("ecalli -0x80000000", 10, 0, 0, 0, 0x80).imm1());
        assertEquals(-1, one("ecalli 0xFFFFFFFFFFFFFFFF", 10, 0xFF).imm1());
    }

    @Test
    void registerAndImm64() {
        Instruction in = one("load_imm_64 r3, 0x1122334455667788", 20, 3, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);
        assertEquals(3, in.a());
        assertEquals(0x1122334455667788L, in.imm1());
        assertEquals(-1, one("load_imm_64 sp, -1", 20, 1, 255, 255, 255, 255, 255, 255, 255, 255).imm1());
        assertEquals(0, one("load_imm_64 r0, 0", 20, 0, 0, 0, 0, 0, 0, 0, 0, 0).imm1());
    }

    @Test
    void twoImmediates() {
        Instruction in = one("store_imm_u32 0x20000, 0x12345678", 32, 3, 0, 0, 2, 0x78, 0x56, 0x34, 0x12);
        assertEquals(0x20000, in.imm1());
        assertEquals(0x12345678, in.imm2());
        in = one("store_imm_u8 0, 0", 30, 0);
        assertEquals(0, in.imm1());
        assertEquals(0, in.imm2());
        assertEquals(-1, one("store_imm_u64 0, -1", 33, 0, 0xFF).imm2());
    }

    @Test
    void oneOffset() {
        assertEquals(0, asm("self: jump self").code().length - 1);
        CodeBlob code = asm("jump end\ntrap\nend: trap");
        assertArrayEquals(b(40, 3, 0, 0), code.code());
        assertEquals(3, Decoder.decode(code, 0, Profile.GP072).target());
        code = asm("top: trap\njump top");
        assertArrayEquals(b(0, 40, 0xFF), code.code());
        assertEquals(0, Decoder.decode(code, 1, Profile.GP072).target());
        assertArrayEquals(b(40, 0x10), asm("jump @16").code());
        assertArrayEquals(b(0, 40, 0xFB), asm("trap\njump @-4").code());
    }

    @Test
    void registerAndImmediate() {
        Instruction in = one("load_imm r1, -1", 51, 1, 0xFF);
        assertEquals(1, in.a());
        assertEquals(-1, in.imm1());
        assertEquals(0x10000, one("load_u8 r2, 0x10000", 52, 2, 0, 0, 1).imm1());
        assertEquals(0x10000, one("store_u8 a0, 0x10000", 59, 7, 0, 0, 1).imm1());
        assertEquals(0, one("jump_ind ra, 0", 50, 0).imm1());
        assertEquals(0, one("load_imm a5, 0", 51, 12).imm1());
    }

    @Test
    void registerAndTwoImmediates() {
        Instruction in = one("store_imm_ind_u32 r1, 8, -2", 72, 0x11, 8, 0xFE);
        assertEquals(1, in.a());
        assertEquals(8, in.imm1());
        assertEquals(-2, in.imm2());
        in = one("store_imm_ind_u16 r12, 0, 0x1234", 71, 0x0C, 0x34, 0x12);
        assertEquals(0, in.imm1());
        assertEquals(0x1234, in.imm2());
    }

    @Test
    void registerImmediateOffset() {
        CodeBlob code = asm("start: load_imm_jump r0, 2, start");
        assertArrayEquals(b(80, 0x10, 2), code.code());
        Instruction in = Decoder.decode(code, 0, Profile.GP072);
        assertEquals(2, in.imm1());
        assertEquals(0, in.target());
        code = asm("branch_eq_imm r3, 7, out\ntrap\nout: trap");
        assertArrayEquals(b(81, 0x13, 7, 5, 0, 0), code.code());
        in = Decoder.decode(code, 0, Profile.GP072);
        assertEquals(3, in.a());
        assertEquals(7, in.imm1());
        assertEquals(5, in.target());
    }

    @Test
    void twoRegisters() {
        Instruction in = one("move_reg r1, r2", 100, 0x21);
        assertEquals(1, in.d());
        assertEquals(2, in.a());
        one("sbrk t0, t1", 101, 0x32);
    }

    @Test
    void twoRegistersAndImmediate() {
        Instruction in = one("add_imm_64 r1, r2, 100", 149, 0x21, 100);
        assertEquals(1, in.a());
        assertEquals(2, in.b());
        assertEquals(100, in.imm1());
        in = one("load_ind_u32 r1, r2, 8", 128, 0x21, 8);
        assertEquals(1, in.a());
        assertEquals(2, in.b());
        in = one("store_ind_u32 r1, r2, 8", 122, 0x21, 8);
        assertEquals(1, in.a());
        assertEquals(2, in.b());
        one("shlo_l_imm_64 r0, r0, 0", 151, 0x00);
    }

    @Test
    void twoRegistersAndOffset() {
        CodeBlob code = asm("loop: trap\nbranch_ne a0, a1, loop");
        assertArrayEquals(b(0, 171, 0x87, 0xFF), code.code());
        Instruction in = Decoder.decode(code, 1, Profile.GP072);
        assertEquals(7, in.a());
        assertEquals(8, in.b());
        assertEquals(0, in.target());
    }

    @Test
    void twoRegistersAndTwoImmediates() {
        Instruction in = one("load_imm_jump_ind r1, r2, 3, 4", 180, 0x21, 1, 3, 4);
        assertEquals(1, in.a());
        assertEquals(2, in.b());
        assertEquals(3, in.imm1());
        assertEquals(4, in.imm2());
        in = one("load_imm_jump_ind r0, r0, 0, 0", 180, 0, 0);
        assertEquals(0, in.imm2());
    }

    @Test
    void threeRegisters() {
        Instruction in = one("add_64 r9, r7, r8", 200, 0x87, 9);
        assertEquals(9, in.d());
        assertEquals(7, in.a());
        assertEquals(8, in.b());
        one("add_64 a2, a0, a1", 200, 0x87, 9);
        one("ADD_64 R9, R7, R8", 200, 0x87, 9);
    }

    @Test
    void rawBytesAndComments() {
        CodeBlob code = asm("; a comment\n# another\n.insn 0xc8 0x87 0x09 ; add_64\n.data 0000 # padding\n  trap");
        assertArrayEquals(b(200, 135, 9, 0, 0, 0), code.code());
        assertArrayEquals(new boolean[] {true, false, false, false, false, true}, code.bitmask());
    }

    @Test
    void labelsOnTheirOwnLineAndSeveralPerLine() {
        CodeBlob code = asm(".jump_table a, b, c\na:\nb: c: trap\n.jump_table @0x10");
        assertArrayEquals(new int[] {0, 0, 0, 16}, code.jumpTable());
    }

    @Test
    void branchWidthsGrowUntilTheyFit() {
        StringBuilder src = new StringBuilder("jump far\n");
        for (int i = 0; i < 200; i++) {
            src.append("add_64 r1, r2, r3\n");
        }
        src.append("far: trap\n");
        CodeBlob code = asm(src.toString());
        assertArrayEquals(b(40, 603 & 0xFF, 603 >> 8), java.util.Arrays.copyOf(code.code(), 3));
        assertEquals(603, Decoder.decode(code, 0, Profile.GP072).target());
    }

    @Test
    void entrySizeDirective() {
        Assembly a = Assembler.assemble(".jump_entry_size 3\n.jump_table x\nx: trap");
        assertEquals(3, a.toDeblob().entrySize());
        assertArrayEquals(b(1, 3, 1, 0, 0, 0, 0, 1), a.toDeblob().write());
        assertEquals(2, Assembler.assemble(".jump_table @300\ntrap").toDeblob().entrySize());
    }

    @Test
    void defaultContainerIsDeblob() {
        Assembly a = Assembler.assemble("trap");
        assertEquals("deblob", a.container());
        assertArrayEquals(b(0, 0, 1, 0, 1), a.toContainerBytes());
    }
}
