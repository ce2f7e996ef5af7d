package io.jpvm.recompiler.internal.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.Reg;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The compile-time forms of {@link HotForms} against the emitter's general forms (themselves checked
 * against the project's assembler and llvm-mc): every form with all sixteen registers in every
 * position, displacements and immediates at the imm8/imm32 boundaries, and the documented deviations
 * (no rax short forms, {@code C1 /r 1} for a shift by one) spelled out byte for byte.
 */
class HotFormsTest {
    private static final Reg[] REGS = Reg.values();
    private static final int[] IMMS = {0, 1, -1, 127, -128, 128, -129, 0x7FFF, 0x12345678, Integer.MIN_VALUE,
        Integer.MAX_VALUE, -4096};
    private static final int[] ALU = {Emitter.ADD, Emitter.OR, Emitter.AND, Emitter.SUB, Emitter.XOR, Emitter.CMP};

    private static byte[] code(Consumer<Emitter> body) {
        Emitter e = new Emitter(64);
        body.accept(e);
        return e.finish();
    }

    private static void same(Consumer<Emitter> expected, Consumer<Emitter> actual, String what) {
        byte[] want = code(expected);
        byte[] got = code(actual);
        assertArrayEquals(want, got, () -> what + ": want " + HexFormat.of().formatHex(want) + ", got "
                + HexFormat.of().formatHex(got));
    }

    private static void aluRR(Emitter e, int alu, boolean wide, Reg d, Reg s) {
        switch (alu) {
            case Emitter.ADD -> { if (wide) e.addq(d, s); else e.addl(d, s); }
            case Emitter.OR -> { if (wide) e.orq(d, s); else e.orl(d, s); }
            case Emitter.AND -> { if (wide) e.andq(d, s); else e.andl(d, s); }
            case Emitter.SUB -> { if (wide) e.subq(d, s); else e.subl(d, s); }
            case Emitter.XOR -> { if (wide) e.xorq(d, s); else e.xorl(d, s); }
            default -> { if (wide) e.cmpq(d, s); else e.cmpl(d, s); }
        }
    }

    private static void aluRI(Emitter e, int alu, Reg d, int imm) {
        switch (alu) {
            case Emitter.ADD -> e.addq(d, imm);
            case Emitter.OR -> e.orq(d, imm);
            case Emitter.AND -> e.andq(d, imm);
            case Emitter.SUB -> e.subq(d, imm);
            case Emitter.XOR -> e.xorq(d, imm);
            default -> e.cmpq(d, imm);
        }
    }

    @Test
    void registerForms() {
        for (Reg d : REGS) {
            for (Reg s : REGS) {
                int di = d.ordinal();
                int si = s.ordinal();
                String w = d + "," + s;
                same(e -> e.movq(d, s), e -> e.movQ(di, si), "movq " + w);
                same(e -> e.movl(d, s), e -> e.movL(di, si), "movl " + w);
                same(e -> e.movq(d, s), e -> e.movQIf(1, di, si), "movQIf " + w);
                same(e -> e.movl(d, s), e -> e.movLIf(1, di, si), "movLIf " + w);
                same(e -> { }, e -> e.movQIf(0, di, si), "movQIf(false) " + w);
                same(e -> { }, e -> e.movLIf(0, di, si), "movLIf(false) " + w);
                same(e -> e.movslq(d, s), e -> e.movslQ(di, si), "movslq " + w);
                same(e -> e.imulq(d, s), e -> e.rrQ0F(0xAF, di, si), "imulq " + w);
                for (Cond cc : Cond.values()) {
                    same(e -> e.cmovq(cc, d, s), e -> e.rrQ0F(0x40 | cc.code(), di, si), "cmov" + cc + " " + w);
                }
                for (int alu : ALU) {
                    same(e -> aluRR(e, alu, true, d, s), e -> e.aluQ(alu, di, si), "alu" + alu + "q " + w);
                    same(e -> aluRR(e, alu, false, d, s), e -> e.aluL(alu, di, si), "alu" + alu + "l " + w);
                }
                for (int imm : IMMS) {
                    same(e -> e.imulq(d, s, imm), e -> e.imulIQ(di, si, imm), "imulq " + w + "," + imm);
                    same(e -> e.imull(d, s, imm), e -> e.imulIL(di, si, imm), "imull " + w + "," + imm);
                }
            }
        }
    }

    @Test
    void immediateForms() {
        for (Reg d : REGS) {
            int di = d.ordinal();
            for (int imm : IMMS) {
                for (int alu : ALU) {
                    if (d == Reg.RAX && imm != (byte) imm) {
                        continue; // the general form takes the rax short form; checked below
                    }
                    same(e -> aluRI(e, alu, d, imm), e -> e.aluIQ(alu, di, imm), "alu" + alu + "q " + d + "," + imm);
                }
            }
            for (int n = 2; n < 64; n++) {
                int k = n;
                same(e -> e.shlq(d, k), e -> e.shiftIQ(Emitter.SHL, di, k), "shlq " + d + "," + n);
                same(e -> e.rorq(d, k), e -> e.shiftIQIf(1, Emitter.ROR, di, k), "rorq " + d + "," + n);
                if (n < 32) {
                    same(e -> e.sarl(d, k), e -> e.shiftILIf(1, Emitter.SAR, di, k), "sarl " + d + "," + n);
                }
            }
            same(e -> { }, e -> e.shiftIQIf(0, Emitter.SHL, di, 5), "shiftIQIf(false) " + d);
            same(e -> { }, e -> e.shiftILIf(0, Emitter.SHL, di, 5), "shiftILIf(false) " + d);
            same(e -> e.movzbl(d, Reg.RDX), e -> e.movzxDl(di), "movzbl " + d + ",dl");
        }
        for (Cond cc : Cond.values()) {
            same(e -> e.setcc(cc, Reg.RDX), e -> e.setccDl(cc.code()), "set" + cc + " dl");
        }
        // the documented deviations: no rax short form, C1 for a shift by one
        assertEquals("48810012345678".length() / 2, code(e -> e.aluIQ(Emitter.ADD, 0, 0x12345678)).length);
        assertEquals("4881c078563412", HexFormat.of().formatHex(code(e -> e.aluIQ(Emitter.ADD, 0, 0x12345678))));
        assertEquals("48c1e001", HexFormat.of().formatHex(code(e -> e.shiftIQ(Emitter.SHL, 0, 1))));
        assertEquals("41c1f901", HexFormat.of().formatHex(code(e -> e.shiftILIf(1, Emitter.SAR, 9, 1))));
    }

    @Test
    void leaForms() {
        int[] disps = {0, 1, -1, 127, -128, 128, -129, 0x12345, -4096, Integer.MIN_VALUE};
        for (Reg d : REGS) {
            for (Reg b : REGS) {
                int di = d.ordinal();
                int bi = b.ordinal();
                for (int disp : disps) {
                    String w = d + ",[" + b + "+" + disp + "]";
                    same(e -> e.leaq(d, Mem.of(b, disp)), e -> e.leaDisp(true, di, bi, disp), "leaq " + w);
                    same(e -> e.leal(d, Mem.of(b, disp)), e -> e.leaDisp(false, di, bi, disp), "leal " + w);
                }
                if (b == Reg.RSP) {
                    continue; // rsp is never an index
                }
                same(e -> e.leaq(d, Mem.of(Reg.values()[(bi + 3) & 15], b, 1, 0)),
                        e -> e.leaIndex(true, di, (bi + 3) & 15, bi), "leaq " + d + ",[+" + b + "]");
                for (Reg base : REGS) {
                    same(e -> e.leal(d, Mem.of(base, b, 1, 0)), e -> e.leaIndex(false, di, base.ordinal(), bi),
                            "leal " + d + ",[" + base + "+" + b + "]");
                }
                for (int scale : new int[] {2, 4, 8}) {
                    Mem scaled = scale == 2 ? Mem.of(b, b, 1, 0) : Mem.indexOnly(b, scale, 0);
                    same(e -> e.leaq(d, scaled), e -> e.leaScaled(true, di, bi, scale),
                            "leaq " + d + ",[" + b + "*" + scale + "]");
                    same(e -> e.leal(d, scaled), e -> e.leaScaled(false, di, bi, scale),
                            "leal " + d + ",[" + b + "*" + scale + "]");
                }
            }
        }
    }

    @Test
    void contextSlotsAndShiftsByCl() {
        for (Reg r : REGS) {
            int ri = r.ordinal();
            for (int disp : new int[] {-3992, -4096, 0x12345, Integer.MIN_VALUE}) {
                same(e -> e.movq(Mem.of(Reg.R15, disp), r), e -> e.storeR15If(1, disp, ri), "mov [r15" + disp + "], " + r);
                same(e -> e.movq(r, Mem.of(Reg.R15, disp)), e -> e.loadR15If(1, ri, disp), "mov " + r + ", [r15" + disp + "]");
                same(e -> { }, e -> e.storeR15If(0, disp, ri), "storeR15If(0)");
                same(e -> { }, e -> e.loadR15If(0, ri, disp), "loadR15If(0)");
            }
            same(e -> e.shlqCl(r), e -> e.shiftCl(true, Emitter.SHL, ri), "shl " + r + ", cl");
            same(e -> e.rorqCl(r), e -> e.shiftCl(true, Emitter.ROR, ri), "ror " + r + ", cl");
            same(e -> e.sarlCl(r), e -> e.shiftCl(false, Emitter.SAR, ri), "sar " + r + "d, cl");
            same(e -> e.rollCl(r), e -> e.shiftCl(false, Emitter.ROL, ri), "rol " + r + "d, cl");
        }
    }

    /** The guest access {@code kind} through the emitter's general memory forms. */
    private static void guestByMem(Emitter e, int kind, Reg r) {
        Mem g = Mem.of(Reg.R15, Reg.RDX);
        switch (kind) {
            case 0 -> e.movzbl(r, g);
            case 1 -> e.movsbq(r, g);
            case 2 -> e.movzwl(r, g);
            case 3 -> e.movswq(r, g);
            case 4 -> e.movl(r, g);
            case 5 -> e.movslq(r, g);
            case 6 -> e.movq(r, g);
            case 7 -> e.movb(g, r);
            case 8 -> e.movw(g, r);
            case 9 -> e.movl(g, r);
            default -> e.movq(g, r);
        }
    }

    @Test
    void guestAccesses() {
        for (int kind = 0; kind <= 10; kind++) {
            for (Reg r : REGS) {
                int k = kind;
                same(e -> guestByMem(e, k, r), e -> assertEquals(0, e.guestAccess(k, r.ordinal())), "guest " + kind + " " + r);
            }
        }
        Emitter e = new Emitter(64);
        e.emitByte(0x90);
        assertEquals(1, e.guestAccess(4, 3), "the access's offset");
    }

    @Test
    void flags() {
        int[] values = {0, 1, -1, 5, 127, -128, 128, -129, 255, 256, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678};
        for (int v : values) {
            assertEquals(v != 0 ? 1 : 0, HotForms.nz(v), "nz " + v);
            assertEquals(v == (byte) v ? 1 : 0, HotForms.fitsByte(v), "fitsByte " + v);
            for (int w : values) {
                assertEquals(v == w ? 1 : 0, HotForms.eq(v, w), "eq " + v + "," + w);
            }
        }
        assertEquals(7L, HotForms.select(1, 7L, -3L));
        assertEquals(-3L, HotForms.select(0, 7L, -3L));
    }

    @Test
    void composedSequences() {
        long negAdd = HotForms.bytesQ(0xF7, 3, Reg.R9.ordinal()) | HotForms.bytesQ(0x01, Reg.RBX.ordinal(), Reg.R9.ordinal()) << 24;
        same(e -> {
            e.negq(Reg.R9);
            e.addq(Reg.R9, Reg.RBX);
        }, e -> e.emitBytes(negAdd, 6), "neg r9; add r9, rbx");
    }
}
