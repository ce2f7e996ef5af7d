package io.jpvm.recompiler.internal.codegen;

import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.Reg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The code generator's x86-64 encoder: the instruction forms of {@code asm.X64Assembler} that code
 * generation uses, with the same method names, operands and byte-for-byte the same encodings (the
 * tests compare every form against it), written for speed: one growable byte array, one capacity
 * check per instruction, registers handled as their 4-bit encodings, and allocation-free forms for
 * the hot operands ({@code [base + disp]}, {@code [r15 + rdx]}).
 *
 * <p>Branches to a {@link Label}: {@code jmp}/{@code jcc} take rel8 when the label is bound and in
 * reach, else rel32 (forward references are always rel32); the {@code Near} variants force rel32.
 */
public final class Emitter extends HotForms {
    static final int S8 = 1;
    static final int S16 = 2;
    static final int S32 = 4;
    static final int S64 = 8;

    private static final int BYTE_REG = 1;
    private static final int BYTE_RM = 2;

    static final int ADD = 0;
    static final int OR = 1;
    static final int ADC = 2;
    static final int SBB = 3;
    static final int AND = 4;
    static final int SUB = 5;
    static final int XOR = 6;
    static final int CMP = 7;

    static final int ROL = 0;
    static final int ROR = 1;
    static final int SHL = 4;
    static final int SHR = 5;
    static final int SAR = 7;

    private static final int RAX = 0;
    private static final int RDX = 2;
    private static final int R15 = 15;

    /** Recommended multi-byte nop encodings, indexed by length 1..9. */
    private static final byte[][] NOPS = {
        {},
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };

    private final List<Label> referenced = new ArrayList<>();

    /** An emitter whose buffer starts with {@code capacity} bytes (it grows as needed). */
    public Emitter(int capacity) {
        super(capacity);
    }

    /** An emitter writing into {@code buffer} from offset 0 (it grows into a new array as needed). */
    Emitter(byte[] buffer) {
        super(buffer);
    }

    // ---------------------------------------------------------------- buffer

    /** The offset of the next instruction. */
    public int position() {
        return pos;
    }

    private void b(int v) {
        buf[pos++] = (byte) v;
    }

    private void i32(int v) {
        INT_LE.set(buf, pos, v);
        pos += 4;
    }

    private void imm(int size, int v) {
        if (size == S8) {
            b(v);
        } else if (size == S16) {
            b(v);
            b(v >>> 8);
        } else {
            i32(v);
        }
    }

    /** Appends a raw byte. */
    public void emitByte(int v) {
        room(1);
        b(v);
    }

    /** Appends a raw little-endian 32-bit value. */
    public void emitInt(int v) {
        room(4);
        i32(v);
    }

    /** Appends a raw little-endian 64-bit value. */
    public void emitLong(long v) {
        room(8);
        i32((int) v);
        i32((int) (v >>> 32));
    }

    /** Overwrites the 32-bit value at {@code at}. */
    public void patchInt(int at, int v) {
        if (at < 0 || at + 4 > pos) {
            throw new IndexOutOfBoundsException("patch at " + at + " size " + pos);
        }
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    /** The code so far (a copy), checking that every referenced label was bound. */
    public byte[] finish() {
        checkLabels();
        return Arrays.copyOf(buf, pos);
    }

    /**
     * The buffer holding the code so far in its first {@link #position()} bytes (not a copy: the code
     * generator hands it on untrimmed), checking that every referenced label was bound.
     */
    byte[] finishInPlace() {
        checkLabels();
        return buf;
    }

    private void checkLabels() {
        StringJoiner unbound = new StringJoiner(", ");
        for (Label l : referenced) {
            if (l.hasPendingReferences()) {
                unbound.add(l.toString());
            }
        }
        if (unbound.length() > 0) {
            throw new IllegalStateException("unbound labels with pending references: " + unbound);
        }
        referenced.clear();
    }

    // ---------------------------------------------------------------- labels

    /** Binds {@code label} here and patches every reference to it. */
    public void bind(Label label) {
        label.bind(pos, buf);
    }

    private void labelRef(Label label, int width) {
        int value = 0;
        if (label.isBound()) {
            value = label.position - (pos + width);
            if (width == 1 && value != (byte) value) {
                throw new IllegalStateException("label " + label + ": rel8 displacement out of range: " + value);
            }
        } else if (label.addPatch(pos, width)) {
            referenced.add(label);
        }
        if (width == 1) {
            b(value);
        } else {
            i32(value);
        }
    }

    // ---------------------------------------------------------------- encoding core

    static boolean isByte(int v) {
        return v == (byte) v;
    }

    private static boolean byteNeedsRex(int r) {
        return r >= 4 && r <= 7;
    }

    private void prefixes(int size, int mandatory, int rex, boolean force) {
        if (size == S16) {
            b(0x66);
        }
        if (mandatory != 0) {
            b(mandatory);
        }
        if (size == S64) {
            rex |= 8;
        }
        if (rex != 0 || force) {
            b(0x40 | rex);
        }
    }

    private void opcode(int op) {
        if ((op >>> 16) != 0) {
            b(op >>> 16);
        }
        if ((op >>> 8) != 0) {
            b(op >>> 8);
        }
        b(op);
    }

    /**
     * The legacy prefixes, REX (if needed) and the 1–3 opcode bytes as a little-endian byte string
     * in a long, its length in the top byte (bits 56..63). Branch-free in the data: conditional
     * bytes are masked in and the length advanced by 0 or 1.
     */
    private static long head(int size, int mandatory, int rex, boolean force, int op) {
        long v = 0;
        int n = 0;
        if (size == S16) {
            v = 0x66;
            n = 1;
        }
        if (mandatory != 0) {
            v |= (long) mandatory << (8 * n);
            n++;
        }
        rex |= size == S64 ? 8 : 0;
        int present = rex != 0 | force ? 1 : 0;
        v |= (long) ((0x40 | rex) & -present) << (8 * n);
        n += present;
        int len = op > 0xFFFF ? 3 : op > 0xFF ? 2 : 1;
        // the opcode bytes in memory order (most significant first)
        v |= (long) (Integer.reverseBytes(op) >>> (8 * (4 - len))) << (8 * n);
        n += len;
        return v | (long) n << 56;
    }

    private static final long LEN_MASK = (1L << 56) - 1;

    /** Register-direct form: prefixes, REX, opcode, ModRM with mod = 11. */
    private void rr(int size, int mandatory, int op, int reg, int rm, int flags) {
        room(16);
        boolean force = ((flags & BYTE_REG) != 0 & byteNeedsRex(reg)) | ((flags & BYTE_RM) != 0 & byteNeedsRex(rm));
        long h = head(size, mandatory, (reg & 8) >> 1 | (rm & 8) >> 3, force, op);
        int n = (int) (h >>> 56);
        long v = (h & LEN_MASK) | (long) (0xC0 | (reg & 7) << 3 | (rm & 7)) << (8 * n);
        LONG_LE.set(buf, pos, v);
        pos += n + 1;
    }

    /**
     * Memory form {@code [base + index*scale + disp]} (base/index -1: absent); any immediate follows
     * (RIP-relative forms are not encoded here).
     */
    private void rmx(int size, int mandatory, int op, int reg, int base, int index, int scaleBits, int disp, int flags) {
        room(16);
        boolean force = (flags & BYTE_REG) != 0 & byteNeedsRex(reg);
        int rexX = index < 0 ? 0 : (index & 8) >> 2;
        int rexB = base < 0 ? 0 : (base & 8) >> 3;
        long h = head(size, mandatory, (reg & 8) >> 1 | rexX | rexB, force, op);
        int n = (int) (h >>> 56);
        long v = h & LEN_MASK;
        int regBits = (reg & 7) << 3;
        int indexBits = index < 0 ? 4 : index & 7;
        int modrm;
        int sib;
        int sibLen;
        int dispLen;
        if (base < 0) {
            modrm = 0x04 | regBits;
            sib = scaleBits << 6 | indexBits << 3 | 5;
            sibLen = 1;
            dispLen = 4;
        } else {
            int low = base & 7;
            // rbp/r13 with mod 00 would mean RIP/no base, so they take a zero disp8
            int mod = disp == 0 & low != 5 ? 0 : disp == (byte) disp ? 1 : 2;
            sibLen = index >= 0 | low == 4 ? 1 : 0;
            modrm = mod << 6 | regBits | (sibLen != 0 ? 4 : low);
            sib = scaleBits << 6 | indexBits << 3 | low;
            dispLen = mod == 0 ? 0 : mod == 1 ? 1 : 4;
        }
        v |= (long) modrm << (8 * n);
        n++;
        v |= (long) (sib & -sibLen) << (8 * n);
        n += sibLen;
        LONG_LE.set(buf, pos, v);
        INT_LE.set(buf, pos + n, disp);
        pos += n + dispLen;
    }

    /** Memory form from a {@link Mem} (RIP-relative included); {@code immBytes} of immediate follow. */
    private void rm(int size, int mandatory, int op, int reg, Mem m, int flags, int immBytes) {
        if (m.isRipRelative()) {
            room(16);
            prefixes(size, mandatory, (reg >> 3) << 2, (flags & BYTE_REG) != 0 && byteNeedsRex(reg));
            opcode(op);
            b(0x05 | (reg & 7) << 3);
            if (m.ripTarget() != null) {
                throw new IllegalArgumentException("RIP-relative asm labels are not supported: use leaq(Reg, Label)");
            }
            i32(m.disp());
            return;
        }
        Reg base = m.base();
        Reg index = m.index();
        rmx(size, mandatory, op, reg, base == null ? -1 : base.ordinal(), index == null ? -1 : index.ordinal(),
                m.scaleBits(), m.disp(), flags);
    }

    private void opReg(int size, int op, int r, int flags) {
        room(16);
        prefixes(size, 0, r >> 3, (flags & BYTE_RM) != 0 && byteNeedsRex(r));
        opcode(op | (r & 7));
    }

    private void op0(int size, int op) {
        room(16);
        prefixes(size, 0, 0, false);
        opcode(op);
    }

    private static int immBytes(int size) {
        return size == S8 ? 1 : size == S16 ? 2 : 4;
    }

    private static int checkImm(int size, int imm) {
        boolean ok = switch (size) {
            case S8 -> imm >= -0x80 && imm <= 0xFF;
            case S16 -> imm >= -0x8000 && imm <= 0xFFFF;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit " + size * 8 + " bits");
        }
        return imm;
    }

    // ---------------------------------------------------------------- the ALU group

    private void aluRR(int size, int op, int dst, int src) {
        rr(size, 0, op << 3 | (size == S8 ? 0x00 : 0x01), src, dst, size == S8 ? BYTE_REG | BYTE_RM : 0);
    }

    private void aluRM(int size, int op, int dst, Mem src) {
        rm(size, 0, op << 3 | (size == S8 ? 0x02 : 0x03), dst, src, size == S8 ? BYTE_REG : 0, 0);
    }

    private void aluMR(int size, int op, Mem dst, int src) {
        rm(size, 0, op << 3 | (size == S8 ? 0x00 : 0x01), src, dst, size == S8 ? BYTE_REG : 0, 0);
    }

    private void aluRI(int size, int op, int dst, int imm) {
        checkImm(size, imm);
        if (size == S8) {
            if (dst == RAX) {
                op0(S8, op << 3 | 0x04);
            } else {
                rr(S8, 0, 0x80, op, dst, BYTE_RM);
            }
            b(imm);
        } else if (isByte(imm)) {
            rr(size, 0, 0x83, op, dst, 0);
            b(imm);
        } else {
            if (dst == RAX) {
                op0(size, op << 3 | 0x05);
            } else {
                rr(size, 0, 0x81, op, dst, 0);
            }
            imm(size, imm);
        }
    }

    private void aluMI(int size, int op, Mem dst, int imm) {
        checkImm(size, imm);
        if (size == S8) {
            rm(S8, 0, 0x80, op, dst, 0, 1);
            b(imm);
        } else if (isByte(imm)) {
            rm(size, 0, 0x83, op, dst, 0, 1);
            b(imm);
        } else {
            rm(size, 0, 0x81, op, dst, 0, immBytes(size));
            imm(size, imm);
        }
    }

    public void addq(Reg dst, Reg src) { aluRR(S64, ADD, dst.ordinal(), src.ordinal()); }
    public void addq(Reg dst, int imm) { aluRI(S64, ADD, dst.ordinal(), imm); }
    public void addq(Reg dst, Mem src) { aluRM(S64, ADD, dst.ordinal(), src); }
    public void addq(Mem dst, Reg src) { aluMR(S64, ADD, dst, src.ordinal()); }
    public void addq(Mem dst, int imm) { aluMI(S64, ADD, dst, imm); }
    public void addl(Reg dst, Reg src) { aluRR(S32, ADD, dst.ordinal(), src.ordinal()); }
    public void addl(Reg dst, int imm) { aluRI(S32, ADD, dst.ordinal(), imm); }
    public void addl(Reg dst, Mem src) { aluRM(S32, ADD, dst.ordinal(), src); }
    public void addl(Mem dst, Reg src) { aluMR(S32, ADD, dst, src.ordinal()); }
    public void addl(Mem dst, int imm) { aluMI(S32, ADD, dst, imm); }

    public void orq(Reg dst, Reg src) { aluRR(S64, OR, dst.ordinal(), src.ordinal()); }
    public void orq(Reg dst, int imm) { aluRI(S64, OR, dst.ordinal(), imm); }
    public void orq(Reg dst, Mem src) { aluRM(S64, OR, dst.ordinal(), src); }
    public void orq(Mem dst, Reg src) { aluMR(S64, OR, dst, src.ordinal()); }
    public void orq(Mem dst, int imm) { aluMI(S64, OR, dst, imm); }
    public void orl(Reg dst, Reg src) { aluRR(S32, OR, dst.ordinal(), src.ordinal()); }
    public void orl(Reg dst, int imm) { aluRI(S32, OR, dst.ordinal(), imm); }
    public void orl(Mem dst, Reg src) { aluMR(S32, OR, dst, src.ordinal()); }
    public void orl(Mem dst, int imm) { aluMI(S32, OR, dst, imm); }

    public void adcq(Reg dst, Reg src) { aluRR(S64, ADC, dst.ordinal(), src.ordinal()); }
    public void adcq(Reg dst, int imm) { aluRI(S64, ADC, dst.ordinal(), imm); }
    public void sbbq(Reg dst, Reg src) { aluRR(S64, SBB, dst.ordinal(), src.ordinal()); }
    public void sbbq(Reg dst, int imm) { aluRI(S64, SBB, dst.ordinal(), imm); }

    public void andq(Reg dst, Reg src) { aluRR(S64, AND, dst.ordinal(), src.ordinal()); }
    public void andq(Reg dst, int imm) { aluRI(S64, AND, dst.ordinal(), imm); }
    public void andq(Reg dst, Mem src) { aluRM(S64, AND, dst.ordinal(), src); }
    public void andq(Mem dst, Reg src) { aluMR(S64, AND, dst, src.ordinal()); }
    public void andq(Mem dst, int imm) { aluMI(S64, AND, dst, imm); }
    public void andl(Reg dst, Reg src) { aluRR(S32, AND, dst.ordinal(), src.ordinal()); }
    public void andl(Reg dst, int imm) { aluRI(S32, AND, dst.ordinal(), imm); }
    public void andl(Mem dst, int imm) { aluMI(S32, AND, dst, imm); }

    public void subq(Reg dst, Reg src) { aluRR(S64, SUB, dst.ordinal(), src.ordinal()); }
    public void subq(Reg dst, int imm) { aluRI(S64, SUB, dst.ordinal(), imm); }
    public void subq(Reg dst, Mem src) { aluRM(S64, SUB, dst.ordinal(), src); }
    public void subq(Mem dst, Reg src) { aluMR(S64, SUB, dst, src.ordinal()); }
    public void subq(Mem dst, int imm) { aluMI(S64, SUB, dst, imm); }
    public void subl(Reg dst, Reg src) { aluRR(S32, SUB, dst.ordinal(), src.ordinal()); }
    public void subl(Reg dst, int imm) { aluRI(S32, SUB, dst.ordinal(), imm); }
    public void subl(Mem dst, int imm) { aluMI(S32, SUB, dst, imm); }

    public void xorq(Reg dst, Reg src) { aluRR(S64, XOR, dst.ordinal(), src.ordinal()); }
    public void xorq(Reg dst, int imm) { aluRI(S64, XOR, dst.ordinal(), imm); }
    public void xorq(Reg dst, Mem src) { aluRM(S64, XOR, dst.ordinal(), src); }
    public void xorq(Mem dst, Reg src) { aluMR(S64, XOR, dst, src.ordinal()); }
    public void xorl(Reg dst, Reg src) { aluRR(S32, XOR, dst.ordinal(), src.ordinal()); }
    public void xorl(Reg dst, int imm) { aluRI(S32, XOR, dst.ordinal(), imm); }

    public void cmpq(Reg dst, Reg src) { aluRR(S64, CMP, dst.ordinal(), src.ordinal()); }
    public void cmpq(Reg dst, int imm) { aluRI(S64, CMP, dst.ordinal(), imm); }
    public void cmpq(Reg dst, Mem src) { aluRM(S64, CMP, dst.ordinal(), src); }
    public void cmpq(Mem dst, Reg src) { aluMR(S64, CMP, dst, src.ordinal()); }
    public void cmpq(Mem dst, int imm) { aluMI(S64, CMP, dst, imm); }
    public void cmpl(Reg dst, Reg src) { aluRR(S32, CMP, dst.ordinal(), src.ordinal()); }
    public void cmpl(Reg dst, int imm) { aluRI(S32, CMP, dst.ordinal(), imm); }
    public void cmpl(Reg dst, Mem src) { aluRM(S32, CMP, dst.ordinal(), src); }
    public void cmpl(Mem dst, Reg src) { aluMR(S32, CMP, dst, src.ordinal()); }
    public void cmpl(Mem dst, int imm) { aluMI(S32, CMP, dst, imm); }
    public void cmpb(Mem dst, int imm) { aluMI(S8, CMP, dst, imm); }

    private void testRI(int size, int r, int imm) {
        checkImm(size, imm);
        if (r == RAX) {
            op0(size, size == S8 ? 0xA8 : 0xA9);
        } else {
            rr(size, 0, size == S8 ? 0xF6 : 0xF7, 0, r, size == S8 ? BYTE_RM : 0);
        }
        imm(size, imm);
    }

    private void testMI(int size, Mem m, int imm) {
        checkImm(size, imm);
        rm(size, 0, size == S8 ? 0xF6 : 0xF7, 0, m, 0, immBytes(size));
        imm(size, imm);
    }

    public void testq(Reg a, Reg b) { rr(S64, 0, 0x85, b.ordinal(), a.ordinal(), 0); }
    public void testq(Reg a, int imm) { testRI(S64, a.ordinal(), imm); }
    public void testq(Mem a, Reg b) { rm(S64, 0, 0x85, b.ordinal(), a, 0, 0); }
    public void testq(Mem a, int imm) { testMI(S64, a, imm); }
    public void testl(Reg a, Reg b) { rr(S32, 0, 0x85, b.ordinal(), a.ordinal(), 0); }
    public void testl(Reg a, int imm) { testRI(S32, a.ordinal(), imm); }
    public void testl(Mem a, int imm) { testMI(S32, a, imm); }
    public void testb(Reg a, Reg b) { rr(S8, 0, 0x84, b.ordinal(), a.ordinal(), BYTE_REG | BYTE_RM); }
    public void testb(Reg a, int imm) { testRI(S8, a.ordinal(), imm); }
    public void testb(Mem a, int imm) { testMI(S8, a, imm); }

    // ---------------------------------------------------------------- one-operand group

    private void unary(int size, int op, int digit, int r) {
        rr(size, 0, size == S8 ? op - 1 : op, digit, r, size == S8 ? BYTE_RM : 0);
    }

    private void unaryM(int size, int op, int digit, Mem m) {
        rm(size, 0, size == S8 ? op - 1 : op, digit, m, 0, 0);
    }

    public void incq(Reg r) { unary(S64, 0xFF, 0, r.ordinal()); }
    public void incl(Reg r) { unary(S32, 0xFF, 0, r.ordinal()); }
    public void incq(Mem m) { unaryM(S64, 0xFF, 0, m); }
    public void decq(Reg r) { unary(S64, 0xFF, 1, r.ordinal()); }
    public void decl(Reg r) { unary(S32, 0xFF, 1, r.ordinal()); }
    public void decq(Mem m) { unaryM(S64, 0xFF, 1, m); }
    public void notq(Reg r) { unary(S64, 0xF7, 2, r.ordinal()); }
    public void notl(Reg r) { unary(S32, 0xF7, 2, r.ordinal()); }
    public void negq(Reg r) { unary(S64, 0xF7, 3, r.ordinal()); }
    public void negl(Reg r) { unary(S32, 0xF7, 3, r.ordinal()); }
    public void mulq(Reg src) { unary(S64, 0xF7, 4, src.ordinal()); }
    public void mull(Reg src) { unary(S32, 0xF7, 4, src.ordinal()); }
    public void imulq(Reg src) { unary(S64, 0xF7, 5, src.ordinal()); }
    public void imull(Reg src) { unary(S32, 0xF7, 5, src.ordinal()); }
    public void divq(Reg src) { unary(S64, 0xF7, 6, src.ordinal()); }
    public void divl(Reg src) { unary(S32, 0xF7, 6, src.ordinal()); }
    public void idivq(Reg src) { unary(S64, 0xF7, 7, src.ordinal()); }
    public void idivl(Reg src) { unary(S32, 0xF7, 7, src.ordinal()); }
    public void mulq(Mem src) { unaryM(S64, 0xF7, 4, src); }
    public void mull(Mem src) { unaryM(S32, 0xF7, 4, src); }
    public void imulq(Mem src) { unaryM(S64, 0xF7, 5, src); }
    public void imull(Mem src) { unaryM(S32, 0xF7, 5, src); }
    public void divq(Mem src) { unaryM(S64, 0xF7, 6, src); }
    public void divl(Mem src) { unaryM(S32, 0xF7, 6, src); }
    public void idivq(Mem src) { unaryM(S64, 0xF7, 7, src); }
    public void idivl(Mem src) { unaryM(S32, 0xF7, 7, src); }

    private void imulRRI(int size, int dst, int src, int imm) {
        if (isByte(imm)) {
            rr(size, 0, 0x6B, dst, src, 0);
            b(imm);
        } else {
            rr(size, 0, 0x69, dst, src, 0);
            imm(size, imm);
        }
    }

    public void imulq(Reg dst, Reg src) { rr(S64, 0, 0x0FAF, dst.ordinal(), src.ordinal(), 0); }
    public void imulq(Reg dst, Mem src) { rm(S64, 0, 0x0FAF, dst.ordinal(), src, 0, 0); }
    public void imulq(Reg dst, Reg src, int imm) { imulRRI(S64, dst.ordinal(), src.ordinal(), imm); }
    public void imull(Reg dst, Reg src) { rr(S32, 0, 0x0FAF, dst.ordinal(), src.ordinal(), 0); }
    public void imull(Reg dst, Reg src, int imm) { imulRRI(S32, dst.ordinal(), src.ordinal(), imm); }

    public void cqo() { op0(S64, 0x99); }
    public void cdq() { op0(S32, 0x99); }
    public void cdqe() { op0(S64, 0x98); }

    // ---------------------------------------------------------------- moves

    public void movq(Reg dst, Reg src) { rr(S64, 0, 0x89, src.ordinal(), dst.ordinal(), 0); }
    public void movl(Reg dst, Reg src) { rr(S32, 0, 0x89, src.ordinal(), dst.ordinal(), 0); }
    public void movq(Reg dst, Mem src) { rm(S64, 0, 0x8B, dst.ordinal(), src, 0, 0); }
    public void movl(Reg dst, Mem src) { rm(S32, 0, 0x8B, dst.ordinal(), src, 0, 0); }
    public void movq(Mem dst, Reg src) { rm(S64, 0, 0x89, src.ordinal(), dst, 0, 0); }
    public void movl(Mem dst, Reg src) { rm(S32, 0, 0x89, src.ordinal(), dst, 0, 0); }
    public void movw(Mem dst, Reg src) { rm(S16, 0, 0x89, src.ordinal(), dst, 0, 0); }
    public void movb(Mem dst, Reg src) { rm(S8, 0, 0x88, src.ordinal(), dst, BYTE_REG, 0); }

    /** {@code mov r64, imm32} sign-extended ({@code C7 /0}). */
    public void movq(Reg dst, int imm) {
        rr(S64, 0, 0xC7, 0, dst.ordinal(), 0);
        i32(imm);
    }

    /** {@code mov r32, imm32} ({@code B8+r}), zero-extending. */
    public void movl(Reg dst, int imm) {
        opReg(S32, 0xB8, dst.ordinal(), 0);
        i32(imm);
    }

    public void movabsq(Reg dst, long imm) {
        opReg(S64, 0xB8, dst.ordinal(), 0);
        room(8);
        i32((int) imm);
        i32((int) (imm >>> 32));
    }

    /** The shortest load of a 64-bit constant: mov r32, mov r64 sign-extended, or movabs. */
    public void movImm64(Reg dst, long imm) {
        if ((imm >>> 32) == 0) {
            movl(dst, (int) imm);
        } else if (imm == (int) imm) {
            movq(dst, (int) imm);
        } else {
            movabsq(dst, imm);
        }
    }

    public void movq(Mem dst, int imm) {
        rm(S64, 0, 0xC7, 0, dst, 0, 4);
        i32(imm);
    }

    public void movl(Mem dst, int imm) {
        rm(S32, 0, 0xC7, 0, dst, 0, 4);
        i32(imm);
    }

    public void movw(Mem dst, int imm) {
        rm(S16, 0, 0xC7, 0, dst, 0, 2);
        imm(S16, checkImm(S16, imm));
    }

    public void movb(Mem dst, int imm) {
        rm(S8, 0, 0xC6, 0, dst, 0, 1);
        b(checkImm(S8, imm));
    }

    public void movzbl(Reg dst, Reg src) { rr(S32, 0, 0x0FB6, dst.ordinal(), src.ordinal(), BYTE_RM); }
    public void movzbq(Reg dst, Reg src) { rr(S64, 0, 0x0FB6, dst.ordinal(), src.ordinal(), BYTE_RM); }
    public void movzwl(Reg dst, Reg src) { rr(S32, 0, 0x0FB7, dst.ordinal(), src.ordinal(), 0); }
    public void movsbl(Reg dst, Reg src) { rr(S32, 0, 0x0FBE, dst.ordinal(), src.ordinal(), BYTE_RM); }
    public void movsbq(Reg dst, Reg src) { rr(S64, 0, 0x0FBE, dst.ordinal(), src.ordinal(), BYTE_RM); }
    public void movswl(Reg dst, Reg src) { rr(S32, 0, 0x0FBF, dst.ordinal(), src.ordinal(), 0); }
    public void movswq(Reg dst, Reg src) { rr(S64, 0, 0x0FBF, dst.ordinal(), src.ordinal(), 0); }
    public void movslq(Reg dst, Reg src) { rr(S64, 0, 0x63, dst.ordinal(), src.ordinal(), 0); }

    public void movzbl(Reg dst, Mem src) { rm(S32, 0, 0x0FB6, dst.ordinal(), src, 0, 0); }
    public void movzwl(Reg dst, Mem src) { rm(S32, 0, 0x0FB7, dst.ordinal(), src, 0, 0); }
    public void movsbq(Reg dst, Mem src) { rm(S64, 0, 0x0FBE, dst.ordinal(), src, 0, 0); }
    public void movswq(Reg dst, Mem src) { rm(S64, 0, 0x0FBF, dst.ordinal(), src, 0, 0); }
    public void movslq(Reg dst, Mem src) { rm(S64, 0, 0x63, dst.ordinal(), src, 0, 0); }

    public void leaq(Reg dst, Mem src) { rm(S64, 0, 0x8D, dst.ordinal(), src, 0, 0); }
    public void leal(Reg dst, Mem src) { rm(S32, 0, 0x8D, dst.ordinal(), src, 0, 0); }

    /** {@code lea dst, [rip + target]}. */
    public void leaq(Reg dst, Label target) {
        int d = dst.ordinal();
        room(16);
        prefixes(S64, 0, (d >> 3) << 2, false);
        b(0x8D);
        b(0x05 | (d & 7) << 3);
        labelRef(target, 4);
    }

    public void setcc(Cond cc, Reg dst) { rr(S8, 0, 0x0F90 | cc.code(), 0, dst.ordinal(), BYTE_RM); }

    public void cmovq(Cond cc, Reg dst, Reg src) { rr(S64, 0, 0x0F40 | cc.code(), dst.ordinal(), src.ordinal(), 0); }
    public void cmovl(Cond cc, Reg dst, Reg src) { rr(S32, 0, 0x0F40 | cc.code(), dst.ordinal(), src.ordinal(), 0); }
    public void cmovq(Cond cc, Reg dst, Mem src) { rm(S64, 0, 0x0F40 | cc.code(), dst.ordinal(), src, 0, 0); }

    public void push(Reg r) { opReg(S32, 0x50, r.ordinal(), 0); }
    public void pop(Reg r) { opReg(S32, 0x58, r.ordinal(), 0); }

    // ---------------------------------------------------------------- shifts and bits

    private void shiftRI(int size, int op, int r, int imm) {
        if (imm < 0 || imm > 0xFF) {
            throw new IllegalArgumentException("shift count must be an unsigned imm8: " + imm);
        }
        if (imm == 1) {
            rr(size, 0, 0xD1, op, r, 0);
        } else {
            rr(size, 0, 0xC1, op, r, 0);
            b(imm);
        }
    }

    public void shlq(Reg r, int imm) { shiftRI(S64, SHL, r.ordinal(), imm); }
    public void shrq(Reg r, int imm) { shiftRI(S64, SHR, r.ordinal(), imm); }
    public void sarq(Reg r, int imm) { shiftRI(S64, SAR, r.ordinal(), imm); }
    public void rolq(Reg r, int imm) { shiftRI(S64, ROL, r.ordinal(), imm); }
    public void rorq(Reg r, int imm) { shiftRI(S64, ROR, r.ordinal(), imm); }
    public void shll(Reg r, int imm) { shiftRI(S32, SHL, r.ordinal(), imm); }
    public void shrl(Reg r, int imm) { shiftRI(S32, SHR, r.ordinal(), imm); }
    public void sarl(Reg r, int imm) { shiftRI(S32, SAR, r.ordinal(), imm); }
    public void roll(Reg r, int imm) { shiftRI(S32, ROL, r.ordinal(), imm); }
    public void rorl(Reg r, int imm) { shiftRI(S32, ROR, r.ordinal(), imm); }

    public void shlqCl(Reg r) { rr(S64, 0, 0xD3, SHL, r.ordinal(), 0); }
    public void shrqCl(Reg r) { rr(S64, 0, 0xD3, SHR, r.ordinal(), 0); }
    public void sarqCl(Reg r) { rr(S64, 0, 0xD3, SAR, r.ordinal(), 0); }
    public void rolqCl(Reg r) { rr(S64, 0, 0xD3, ROL, r.ordinal(), 0); }
    public void rorqCl(Reg r) { rr(S64, 0, 0xD3, ROR, r.ordinal(), 0); }
    public void shllCl(Reg r) { rr(S32, 0, 0xD3, SHL, r.ordinal(), 0); }
    public void shrlCl(Reg r) { rr(S32, 0, 0xD3, SHR, r.ordinal(), 0); }
    public void sarlCl(Reg r) { rr(S32, 0, 0xD3, SAR, r.ordinal(), 0); }
    public void rollCl(Reg r) { rr(S32, 0, 0xD3, ROL, r.ordinal(), 0); }
    public void rorlCl(Reg r) { rr(S32, 0, 0xD3, ROR, r.ordinal(), 0); }

    public void bswapq(Reg r) { opReg(S64, 0x0FC8, r.ordinal(), 0); }
    public void bswapl(Reg r) { opReg(S32, 0x0FC8, r.ordinal(), 0); }

    public void popcntq(Reg dst, Reg src) { rr(S64, 0xF3, 0x0FB8, dst.ordinal(), src.ordinal(), 0); }
    public void popcntl(Reg dst, Reg src) { rr(S32, 0xF3, 0x0FB8, dst.ordinal(), src.ordinal(), 0); }
    public void lzcntq(Reg dst, Reg src) { rr(S64, 0xF3, 0x0FBD, dst.ordinal(), src.ordinal(), 0); }
    public void lzcntl(Reg dst, Reg src) { rr(S32, 0xF3, 0x0FBD, dst.ordinal(), src.ordinal(), 0); }
    public void tzcntq(Reg dst, Reg src) { rr(S64, 0xF3, 0x0FBC, dst.ordinal(), src.ordinal(), 0); }
    public void tzcntl(Reg dst, Reg src) { rr(S32, 0xF3, 0x0FBC, dst.ordinal(), src.ordinal(), 0); }

    // ---------------------------------------------------------------- control flow

    public void jmp(Label target) {
        room(8);
        if (target.isBound() && isByte(target.position - (pos + 2))) {
            b(0xEB);
            labelRef(target, 1);
        } else {
            b(0xE9);
            labelRef(target, 4);
        }
    }

    public void jmpNear(Label target) {
        room(8);
        b(0xE9);
        labelRef(target, 4);
    }

    /** Indirect jump to the address in {@code target}. */
    public void jmp(Reg target) { rr(S32, 0, 0xFF, 4, target.ordinal(), 0); }

    /** Indirect jump through a 64-bit pointer in memory. */
    public void jmp(Mem target) { rm(S32, 0, 0xFF, 4, target, 0, 0); }

    public void jcc(Cond cc, Label target) {
        room(8);
        if (target.isBound() && isByte(target.position - (pos + 2))) {
            b(0x70 | cc.code());
            labelRef(target, 1);
        } else {
            b(0x0F);
            b(0x80 | cc.code());
            labelRef(target, 4);
        }
    }

    public void jccNear(Cond cc, Label target) {
        room(8);
        b(0x0F);
        b(0x80 | cc.code());
        labelRef(target, 4);
    }

    public void call(Label target) {
        room(8);
        b(0xE8);
        labelRef(target, 4);
    }

    public void call(Reg target) { rr(S32, 0, 0xFF, 2, target.ordinal(), 0); }

    public void ret() {
        room(1);
        b(0xC3);
    }

    /** Exactly {@code length} bytes of padding in as few nops as possible. */
    public void nop(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("nop length " + length);
        }
        room(length);
        while (length > 0) {
            int n = Math.min(length, NOPS.length - 1);
            System.arraycopy(NOPS[n], 0, buf, pos, n);
            pos += n;
            length -= n;
        }
    }

    /** Pads with nops to a multiple of {@code alignment} (a power of two). */
    public void align(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        nop(-pos & (alignment - 1));
    }

    public void int3() {
        room(1);
        b(0xCC);
    }

    public void ud2() {
        room(2);
        b(0x0F);
        b(0x0B);
    }

    // ---------------------------------------------------------------- VEX (AVX) forms for the gas register

    /**
     * A VEX-encoded register-register instruction, 128-bit: {@code pp} 1 = 66, {@code map} 1 = 0F,
     * 2 = 0F38; {@code reg} and {@code rm} are 4-bit register encodings (xmm or general), {@code vvvv}
     * the second source register (0 when unused: the field holds its inverse, 1111).
     */
    private void vexRR(int pp, int map, boolean w, int op, int reg, int vvvv, int rm) {
        room(8);
        int rInv = (~reg >> 3) & 1;
        int bInv = (~rm >> 3) & 1;
        int v = (~vvvv & 15) << 3 | pp;
        if (map == 1 && !w && bInv == 1) {
            b(0xC5);
            b(rInv << 7 | v);
        } else {
            b(0xC4);
            b(rInv << 7 | 1 << 6 | bInv << 5 | map);
            b((w ? 0x80 : 0) | v);
        }
        b(op);
        b(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /** {@code vmovq xmm, r64} (VEX.128.66.0F.W1 6E /r). */
    void vmovqToXmm(int xmm, Reg src) {
        vexRR(1, 1, true, 0x6E, xmm, 0, src.ordinal());
    }

    /** {@code vmovq r64, xmm} (VEX.128.66.0F.W1 7E /r). */
    void vmovqFromXmm(Reg dst, int xmm) {
        vexRR(1, 1, true, 0x7E, xmm, 0, dst.ordinal());
    }

    /** {@code vptest x1, x2} (VEX.128.66.0F38.WIG 17 /r): ZF = (x1 AND x2) == 0. */
    void vptest(int x1, int x2) {
        vexRR(1, 2, false, 0x17, x1, 0, x2);
    }

    /** {@code vpsubq xmm, xmm, [rip + constant]} (VEX.128.66.0F.WIG FB /r): a 16-byte constant, any alignment. */
    void vpsubqRip(int xmm, Label constant) {
        vexRip(0xFB, xmm, constant);
    }

    /** {@code vpaddq xmm, xmm, [rip + constant]} (VEX.128.66.0F.WIG D4 /r). */
    void vpaddqRip(int xmm, Label constant) {
        vexRip(0xD4, xmm, constant);
    }

    /** {@code op xmm, xmm, [rip + constant]}: a two-byte VEX.128.66.0F form, source and destination {@code xmm}. */
    private void vexRip(int op, int xmm, Label constant) {
        room(16);
        int rInv = (~xmm >> 3) & 1;
        b(0xC5);
        b(rInv << 7 | (~xmm & 15) << 3 | 1);
        b(op);
        b(0x05 | (xmm & 7) << 3);
        labelRef(constant, 4);
    }

    /** {@code vpxor xmm, xmm, xmm} (VEX.128.66.0F.WIG EF /r): xmm := 0. */
    void vpxorSelf(int xmm) {
        vexRR(1, 1, false, 0xEF, xmm, xmm, xmm);
    }

    // ---------------------------------------------------------------- guest stores of an immediate

    /** {@code op reg, [r15 + rdx]}: ModRM 00 reg 100, SIB 00 010 111, REX.B always. */
    private void guestRm(int size, int op, int reg) {
        room(16);
        long h = head(size, 0, (reg & 8) >> 1 | 1, false, op);
        int n = (int) (h >>> 56);
        long v = (h & LEN_MASK) | (long) ((0x04 | (reg & 7) << 3) | 0x17 << 8) << (8 * n);
        LONG_LE.set(buf, pos, v);
        pos += n + 2;
    }

    /** A guest store of an immediate to {@code [r15 + rdx]} (width 1, 2, 4, or 8 sign-extended from 32). */
    void guestImm(int width, int value) {
        switch (width) {
            case 1 -> {
                guestRm(S8, 0xC6, 0);
                b(value);
            }
            case 2 -> {
                guestRm(S16, 0xC7, 0);
                b(value);
                b(value >>> 8);
            }
            case 4 -> {
                guestRm(S32, 0xC7, 0);
                i32(value);
            }
            default -> {
                guestRm(S64, 0xC7, 0);
                i32(value);
            }
        }
    }
}
