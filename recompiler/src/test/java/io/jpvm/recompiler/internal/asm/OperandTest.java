package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Reg.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Reg, Cond, Mem and CodeBuffer on their own, and operand validation in the assembler. */
class OperandTest {
    @Test
    void registers() {
        assertEquals(16, Reg.values().length);
        assertEquals(12, R12.encoding());
        assertEquals(4, R12.low3());
        assertTrue(R8.isExtended());
        assertFalse(RDI.isExtended());
        assertEquals(1, R15.rexBit());
        assertTrue(RSI.byteFormNeedsRex());
        assertTrue(RSP.byteFormNeedsRex());
        assertFalse(RBX.byteFormNeedsRex());
        assertFalse(R9.byteFormNeedsRex());
        assertEquals("r13d", R13.name(32));
        assertEquals("sil", RSI.name(8));
        assertEquals(RBP, Reg.of(5));
    }

    @Test
    void conditionsNegate() {
        for (Cond c : Cond.values()) {
            assertEquals(c, c.negate().negate());
            assertEquals(c.code() ^ 1, c.negate().code());
        }
        assertEquals(Cond.NE, Cond.E.negate());
        assertEquals(Cond.AE, Cond.B.negate());
        assertEquals(Cond.LE, Cond.G.negate());
        assertEquals(Cond.NS, Cond.S.negate());
        assertEquals(Cond.E, Cond.Z);
        assertEquals(Cond.B, Cond.C);
        assertEquals(0x4, Cond.E.code());
        assertEquals(0xF, Cond.G.code());
    }

    @Test
    void memoryOperands() {
        assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RSP, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RCX, 3, 0));
        assertThrows(NullPointerException.class, () -> Mem.of(null, 4));
        assertEquals("[r15 + 1*rdx]", Mem.of(R15, RDX).toString());
        assertEquals("[rax + 4*r12 - 8]", Mem.of(RAX, R12, 4, -8).toString());
        assertEquals("[-2147483648]", Mem.absolute(Integer.MIN_VALUE).toString());
        assertEquals("[rip + 16]", Mem.rip(16).toString());
        assertEquals("[8*rcx]", Mem.indexOnly(RCX, 8, 0).toString());
        assertEquals(3, Mem.of(RAX, RCX, 8, 0).scaleBits());
        assertEquals(Mem.of(RBX, 24), Mem.of(RBX, 16).plus(8));
    }

    @Test
    void codeBufferGrowsAndPatches() {
        CodeBuffer b = new CodeBuffer(1);
        for (int i = 0; i < 1000; i++) {
            b.emit8(i);
        }
        b.emit16(0xBEEF);
        b.emit32(0x12345678);
        b.emit64(0x1122334455667788L);
        assertEquals(1014, b.position());
        b.patch8(0, 0xAA);
        b.patch32(1002, 0xCAFEBABE);
        assertEquals(0xAA, b.get8(0));
        assertEquals(0xCAFEBABE, b.get32(1002));
        assertEquals(0xEF, b.get8(1000));
        assertThrows(IndexOutOfBoundsException.class, () -> b.patch32(1012, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(2048);
            b.copyTo(seg, 16);
            assertEquals((byte) 0x88, seg.get(ValueLayout.JAVA_BYTE, 16 + 1006));
        }
        b.clear();
        assertEquals(0, b.toByteArray().length);
    }

    @Test
    void immediateRangesAreChecked() {
        X64Assembler a = new X64Assembler();
        assertThrows(IllegalArgumentException.class, () -> a.cmpb(RAX, 256));
        assertThrows(IllegalArgumentException.class, () -> a.movb(Mem.of(RAX), -129));
        assertThrows(IllegalArgumentException.class, () -> a.movw(Mem.of(RAX), 0x10000));
        assertThrows(IllegalArgumentException.class, () -> a.shlq(RAX, 256));
        assertThrows(IllegalArgumentException.class, () -> a.shlq(RAX, -1));
        assertThrows(IllegalArgumentException.class, () -> a.nop(-1));
        assertThrows(IllegalArgumentException.class, () -> a.align(3));
    }
}
