package io.jpvm.recompiler.internal.codegen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The code buffer under {@link Emitter}, and the handful of instruction forms that code generation
 * emits for almost every PVM instruction, written for the compile-time budget: registers as their
 * 4-bit encodings, every form composed in a {@code long} and stored with one write, and no
 * data-dependent branches where the PVM operands vary (which register, immediate size): choices
 * between encodings are selects, and an instruction that may be needed is written anyway and kept
 * or dropped by how far the position advances.
 *
 * <p>Each form's bytes are an encoding of the same instruction as {@code asm.X64Assembler}'s (the
 * tests run every form with all sixteen registers against it); a form may pick a different but
 * equivalent encoding (e.g. {@code C1 /4 ib} for a shift by one, no {@code rax} short forms).
 */
abstract class HotForms {
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Room every form below may write (a long, plus an int after it), checked once per form. */
    private static final int SLACK = 16;

    byte[] buf;
    int pos;

    HotForms(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    HotForms(byte[] buffer) {
        buf = buffer.length >= 64 ? buffer : new byte[64];
    }

    /** Makes room for {@code n} more bytes. */
    final void room(int n) {
        if (pos + n > buf.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        long want = Math.max((long) pos + n, (long) buf.length * 2);
        if (want > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("code buffer too large");
        }
        buf = Arrays.copyOf(buf, (int) want);
    }

    /** Stores {@code len} bytes of {@code v} (little-endian), 1..8. */
    private void put(long v, int len) {
        room(SLACK);
        LONG_LE.set(buf, pos, v);
        pos += len;
    }

    // Flags as 0/1 ints computed with arithmetic: the operands are random from one instruction to
    // the next, so a branch (or a ternary the JIT leaves as one) would mispredict half the time.

    /** 1 if {@code v != 0}, else 0 (any int). */
    static int nz(int v) {
        return (v | -v) >>> 31;
    }

    /** 1 if {@code a == b}, else 0. */
    static int eq(int a, int b) {
        return nz(a ^ b) ^ 1;
    }

    /** 1 if {@code v} fits a sign-extended imm8, else 0. */
    static int fitsByte(int v) {
        return (((v + 0x80) >>> 8) - 1) >>> 31;
    }

    /** {@code flag == 1 ? a : b}, flag 0 or 1. */
    static long select(int flag, long a, long b) {
        return b ^ ((a ^ b) & -(long) flag);
    }

    /**
     * {@code body} behind an optional REX prefix: {@code 0x40 | rex} first when {@code rex} is not 0
     * (then the instruction is one byte longer: {@link #nz}{@code (rex)}).
     */
    private static long rexThen(int rex, long body) {
        int p = nz(rex);
        return (0x40 | rex) & -p | body << (8 * p);
    }

    /** ModRM with mod = 11. */
    private static int direct(int reg, int rm) {
        return 0xC0 | (reg & 7) << 3 | (rm & 7);
    }

    /** REX.R and REX.B of a register-direct form. */
    private static int rexRB(int reg, int rm) {
        return (reg & 8) >> 1 | (rm & 8) >> 3;
    }

    // ---------------------------------------------------------------- register-direct forms

    /** {@code REX.W op /r} with ModRM.reg = {@code reg}, ModRM.rm = {@code rm}: one opcode byte. */
    final void rrQ(int op, int reg, int rm) {
        put(bytesQ(op, reg, rm), 3);
    }

    /** {@code REX.W 0F op /r}. */
    final void rrQ0F(int op, int reg, int rm) {
        put(0x48 | rexRB(reg, rm) | 0x0F << 8 | op << 16 | (long) direct(reg, rm) << 24, 4);
    }

    /** {@code [REX] op /r}, 32-bit: the REX only when an extended register needs it. */
    final void rrL(int op, int reg, int rm) {
        int rex = rexRB(reg, rm);
        int p = nz(rex);
        long body = op | direct(reg, rm) << 8;
        put(rexThen(rex, body), 2 + p);
    }

    /** {@code [REX] 0F op /r}, 32-bit. */
    final void rrL0F(int op, int reg, int rm) {
        int rex = rexRB(reg, rm);
        int p = nz(rex);
        long body = 0x0F | op << 8 | direct(reg, rm) << 16;
        put(rexThen(rex, body), 3 + p);
    }

    /** The 3 bytes of {@code REX.W op /r} (see {@link #rrQ}). */
    static long bytesQ(int op, int reg, int rm) {
        return 0x48 | rexRB(reg, rm) | op << 8 | (long) direct(reg, rm) << 16;
    }

    /** Stores the {@code len} low bytes of {@code v}: an instruction sequence composed by the caller. */
    final void emitBytes(long v, int len) {
        put(v, len);
    }

    /** {@code mov dst64, src64} — written always, kept only if {@code keep} is 1 (0: dropped). */
    final void movQIf(int keep, int dst, int src) {
        put(bytesQ(0x89, src, dst), 3 & -keep);
    }

    /** {@code mov dst32, src32} — written always, kept only if {@code keep} is 1. */
    final void movLIf(int keep, int dst, int src) {
        int rex = rexRB(src, dst);
        int p = nz(rex);
        long body = 0x89 | direct(src, dst) << 8;
        put(rexThen(rex, body), (2 + p) & -keep);
    }

    /** {@code mov dst64, src64}. */
    final void movQ(int dst, int src) {
        rrQ(0x89, src, dst);
    }

    /** {@code mov dst32, src32} (zero-extends). */
    final void movL(int dst, int src) {
        rrL(0x89, src, dst);
    }

    /** {@code movsxd dst64, src32}. */
    final void movslQ(int dst, int src) {
        rrQ(0x63, dst, src);
    }

    /** {@code op r/m64, r64} for the ALU group {@code alu} (0 add … 7 cmp): {@code dst op= src}. */
    final void aluQ(int alu, int dst, int src) {
        rrQ(alu << 3 | 1, src, dst);
    }

    /** {@code op r/m32, r32} for the ALU group. */
    final void aluL(int alu, int dst, int src) {
        rrL(alu << 3 | 1, src, dst);
    }

    /** {@code op r/m64, imm} for the ALU group: imm8 ({@code 83}) when it fits, else imm32 ({@code 81}). */
    final void aluIQ(int alu, int dst, int imm) {
        long head = 0x48 | (dst & 8) >> 3 | (long) direct(alu, dst) << 16;
        int small = fitsByte(imm);
        put(select(small, head | 0x83 << 8 | (long) (imm & 0xFF) << 24, head | 0x81 << 8 | (imm & 0xFFFFFFFFL) << 24),
                7 - 3 * small);
    }

    /** {@code imul dst64, src64, imm} ({@code 6B ib} or {@code 69 id}). */
    final void imulIQ(int dst, int src, int imm) {
        long head = 0x48 | rexRB(dst, src) | (long) direct(dst, src) << 16;
        int small = fitsByte(imm);
        put(select(small, head | 0x6B << 8 | (long) (imm & 0xFF) << 24, head | 0x69 << 8 | (imm & 0xFFFFFFFFL) << 24),
                7 - 3 * small);
    }

    /** {@code imul dst32, src32, imm}. */
    final void imulIL(int dst, int src, int imm) {
        int rex = rexRB(dst, src);
        int p = nz(rex);
        int small = fitsByte(imm);
        long body = select(small, 0x6B | direct(dst, src) << 8 | (long) (imm & 0xFF) << 16,
                0x69 | direct(dst, src) << 8 | (imm & 0xFFFFFFFFL) << 16);
        put(rexThen(rex, body), 6 - 3 * small + p);
    }

    /** A shift or rotate of a 64-bit register by {@code n} (1..63): {@code REX.W C1 /op ib}. */
    final void shiftIQ(int op, int r, int n) {
        shiftIQIf(1, op, r, n);
    }

    /** {@link #shiftIQ}, kept only if {@code keep} is 1. */
    final void shiftIQIf(int keep, int op, int r, int n) {
        put(0x48 | (r & 8) >> 3 | 0xC1 << 8 | direct(op, r) << 16 | (long) (n & 0xFF) << 24, 4 & -keep);
    }

    /** A shift or rotate of a 32-bit register by {@code n}: {@code [REX] C1 /op ib}, kept only if {@code keep} is 1. */
    final void shiftILIf(int keep, int op, int r, int n) {
        int rex = (r & 8) >> 3;
        long body = 0xC1 | direct(op, r) << 8 | (n & 0xFF) << 16;
        put(rexThen(rex, body), (3 + rex) & -keep);
    }

    /** {@code setcc dl} ({@code 0F 90+cc C2}). */
    final void setccDl(int cc) {
        put(0x0F | (0x90 | cc) << 8 | 0xC2 << 16, 3);
    }

    /** {@code movzx dst32, dl}. */
    final void movzxDl(int dst) {
        rrL0F(0xB6, dst, 2);
    }

    /**
     * {@code mov [r15 + disp32], src64} ({@code REX.W 89 /r}, mod 10) — written always, kept only if
     * {@code keep} is 1: parks a register in the context block.
     */
    final void storeR15If(int keep, int disp, int src) {
        r15Disp32If(keep, 0x89, src, disp);
    }

    /** {@code mov dst64, [r15 + disp32]} ({@code REX.W 8B /r}, mod 10), kept only if {@code keep} is 1. */
    final void loadR15If(int keep, int dst, int disp) {
        r15Disp32If(keep, 0x8B, dst, disp);
    }

    /** {@code REX.W op reg, [r15 + disp32]}, kept only if {@code keep} is 1. */
    private void r15Disp32If(int keep, int op, int reg, int disp) {
        long v = 0x49 | (reg & 8) >> 1 | op << 8 | (0x87 | (reg & 7) << 3) << 16 | (disp & 0xFFFFFFFFL) << 24;
        put(v, 7 & -keep);
    }

    /** A shift or rotate of {@code r} by {@code cl}: {@code [REX.W] D3 /op}, 64- or 32-bit. */
    final void shiftCl(boolean wide, int op, int r) {
        int rex = (wide ? 8 : 0) | (r & 8) >> 3;
        int p = nz(rex);
        long body = 0xD3 | direct(op, r) << 8;
        put(rexThen(rex, body), 2 + p);
    }

    // ---------------------------------------------------------------- lea

    /**
     * {@code lea dst, [base + disp]}, 64-bit ({@code wide}) or 32-bit: mod 00/01/10 by the
     * displacement (rbp/r13 take a zero disp8), a SIB byte for rsp/r12.
     */
    final void leaDisp(boolean wide, int dst, int base, int disp) {
        int rex = (wide ? 8 : 0) | rexRB(dst, base);
        int p = nz(rex);
        int low = base & 7;
        int noDisp = (nz(disp) | eq(low, 5)) ^ 1; // rbp/r13 need a disp8 even for 0
        int small = fitsByte(disp);
        int mod = (1 - noDisp) * (2 - small);
        int sib = eq(low, 4);
        int dispLen = (1 - noDisp) * (4 - 3 * small);
        long v = (0x40 | rex) & -p;
        int n = p;
        v |= 0x8DL << (8 * n);
        n++;
        v |= (long) (mod << 6 | (dst & 7) << 3 | low) << (8 * n);
        n++;
        v |= (0x24L & -sib) << (8 * n);
        n += sib;
        // n ≤ 4 here: the displacement fits in the long (dispLen ≤ 4)
        v |= (disp & 0xFFFFFFFFL) << (8 * n);
        put(v, n + dispLen);
    }

    /** {@code lea dst, [base + index]}, 64- or 32-bit ({@code index} never rsp). */
    final void leaIndex(boolean wide, int dst, int base, int index) {
        int rex = (wide ? 8 : 0) | (dst & 8) >> 1 | (index & 8) >> 2 | (base & 8) >> 3;
        int p = nz(rex);
        int disp8 = eq(base & 7, 5); // rbp/r13 as base: mod 01 with a zero disp8
        long body = 0x8D | (disp8 << 6 | (dst & 7) << 3 | 4) << 8 | ((index & 7) << 3 | (base & 7)) << 16;
        put(rexThen(rex, body), 3 + p + disp8);
    }

    /** {@code lea dst, [src * scale]} (scale 2, 4, 8), 64- or 32-bit: {@code [src + src]} for 2. */
    final void leaScaled(boolean wide, int dst, int src, int scale) {
        if (scale == 2) {
            leaIndex(wide, dst, src, src);
            return;
        }
        int rex = (wide ? 8 : 0) | (dst & 8) >> 1 | (src & 8) >> 2;
        int p = nz(rex);
        int ss = Integer.numberOfTrailingZeros(scale);
        long body = 0x8D | ((dst & 7) << 3 | 4) << 8 | (ss << 6 | (src & 7) << 3 | 5) << 16;
        put(rexThen(rex, body), 7 + p); // SIB without base: disp32 (zero) follows
    }

    // ---------------------------------------------------------------- guest memory [r15 + rdx]

    /**
     * Per access kind (0..6 = load u8, i8, u16, i16, u32, i32, u64; 7..10 = store 8, 16, 32, 64 bits):
     * the bytes with register 0 ({@code [prefix] REX opcode ModRM SIB}), the byte index of the REX
     * and of the ModRM, and the length.
     */
    private static final long[] GUEST = new long[11];
    private static final int[] GUEST_REX = new int[11];
    private static final int[] GUEST_LEN = new int[11];

    static {
        guestForm(0, 0, 0x41, 0x0FB6);
        guestForm(1, 0, 0x49, 0x0FBE);
        guestForm(2, 0, 0x41, 0x0FB7);
        guestForm(3, 0, 0x49, 0x0FBF);
        guestForm(4, 0, 0x41, 0x8B);
        guestForm(5, 0, 0x49, 0x63);
        guestForm(6, 0, 0x49, 0x8B);
        guestForm(7, 0, 0x41, 0x88);
        guestForm(8, 0x66, 0x41, 0x89);
        guestForm(9, 0, 0x41, 0x89);
        guestForm(10, 0, 0x49, 0x89);
    }

    private static void guestForm(int kind, int prefix, int rex, int op) {
        long v = 0;
        int n = 0;
        if (prefix != 0) {
            v = prefix;
            n = 1;
        }
        GUEST_REX[kind] = n;
        v |= (long) rex << (8 * n++);
        if (op > 0xFF) {
            v |= (long) (op >> 8) << (8 * n++);
        }
        v |= (long) (op & 0xFF) << (8 * n++);
        v |= 0x04L << (8 * n++); // ModRM: mod 00, rm 100 (SIB)
        v |= 0x17L << (8 * n++); // SIB: scale 1, index rdx, base r15
        GUEST[kind] = v;
        GUEST_LEN[kind] = n;
    }

    /**
     * The guest access {@code kind} between register {@code r} and {@code [r15 + rdx]}; returns the
     * offset of the instruction (the trap table's key).
     */
    final int guestAccess(int kind, int r) {
        int at = pos;
        int rexAt = GUEST_REX[kind];
        int len = GUEST_LEN[kind];
        long v = GUEST[kind] | (long) ((r & 8) >> 1) << (8 * rexAt) | (long) ((r & 7) << 3) << (8 * (len - 2));
        put(v, len);
        return at;
    }
}
