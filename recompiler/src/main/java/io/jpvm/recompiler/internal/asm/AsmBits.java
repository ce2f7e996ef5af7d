package io.jpvm.recompiler.internal.asm;

/**
 * Shifts and rotates (by {@code cl}, by 1 and by imm8), double shifts (shld/shrd), byte swap and
 * bit counting (popcnt, lzcnt, tzcnt).
 *
 * <p>Shift-by-register methods end in {@code Cl}: the count is always {@code cl}. A shift by the
 * constant 1 uses the shorter {@code D1 /digit} form.
 */
public abstract class AsmBits extends AsmArith {
    static final int ROL = 0;
    static final int ROR = 1;
    static final int SHL = 4;
    static final int SHR = 5;
    static final int SAR = 7;

    AsmBits(CodeBuffer buf) {
        super(buf);
    }

    private static int checkCount(int imm) {
        if (imm < 0 || imm > 0xFF) {
            throw new IllegalArgumentException("shift count must be an unsigned imm8: " + imm);
        }
        return imm;
    }

    final void shiftRI(int size, int op, Reg r, int imm) {
        checkCount(imm);
        if (imm == 1) {
            digitR(size, size == S8 ? 0xD0 : 0xD1, op, r);
        } else {
            digitR(size, size == S8 ? 0xC0 : 0xC1, op, r);
            buf.emit8(imm);
        }
    }

    final void shiftRCl(int size, int op, Reg r) {
        digitR(size, size == S8 ? 0xD2 : 0xD3, op, r);
    }

    final void doubleShift(int size, int op, Reg dst, Reg src, int imm) {
        emitRR(size, 0, op, src.encoding(), dst, 0);
        buf.emit8(checkCount(imm));
    }

    final void bitCount(int size, int op, Reg dst, Reg src) {
        emitRR(size, 0xF3, op, dst.encoding(), src, 0);
    }

    final void bitCount(int size, int op, Reg dst, Mem src) {
        emitRM(size, 0xF3, op, dst.encoding(), src, 0, 0);
    }

    // ---------------------------------------------------------------- shifts by imm8
    public final void shlq(Reg r, int imm) { shiftRI(S64, SHL, r, imm); }
    public final void shrq(Reg r, int imm) { shiftRI(S64, SHR, r, imm); }
    public final void sarq(Reg r, int imm) { shiftRI(S64, SAR, r, imm); }
    public final void rolq(Reg r, int imm) { shiftRI(S64, ROL, r, imm); }
    public final void rorq(Reg r, int imm) { shiftRI(S64, ROR, r, imm); }
    public final void shll(Reg r, int imm) { shiftRI(S32, SHL, r, imm); }
    public final void shrl(Reg r, int imm) { shiftRI(S32, SHR, r, imm); }
    public final void sarl(Reg r, int imm) { shiftRI(S32, SAR, r, imm); }
    public final void roll(Reg r, int imm) { shiftRI(S32, ROL, r, imm); }
    public final void rorl(Reg r, int imm) { shiftRI(S32, ROR, r, imm); }

    // ---------------------------------------------------------------- shifts by cl
    public final void shlqCl(Reg r) { shiftRCl(S64, SHL, r); }
    public final void shrqCl(Reg r) { shiftRCl(S64, SHR, r); }
    public final void sarqCl(Reg r) { shiftRCl(S64, SAR, r); }
    public final void rolqCl(Reg r) { shiftRCl(S64, ROL, r); }
    public final void rorqCl(Reg r) { shiftRCl(S64, ROR, r); }
    public final void shllCl(Reg r) { shiftRCl(S32, SHL, r); }
    public final void shrlCl(Reg r) { shiftRCl(S32, SHR, r); }
    public final void sarlCl(Reg r) { shiftRCl(S32, SAR, r); }
    public final void rollCl(Reg r) { shiftRCl(S32, ROL, r); }
    public final void rorlCl(Reg r) { shiftRCl(S32, ROR, r); }

    // ---------------------------------------------------------------- double shifts
    /** dst = dst shifted left by imm, filling from the top bits of src. */
    public final void shldq(Reg dst, Reg src, int imm) { doubleShift(S64, 0x0FA4, dst, src, imm); }
    /** dst = dst shifted right by imm, filling from the low bits of src. */
    public final void shrdq(Reg dst, Reg src, int imm) { doubleShift(S64, 0x0FAC, dst, src, imm); }
    public final void shldl(Reg dst, Reg src, int imm) { doubleShift(S32, 0x0FA4, dst, src, imm); }
    public final void shrdl(Reg dst, Reg src, int imm) { doubleShift(S32, 0x0FAC, dst, src, imm); }
    public final void shldqCl(Reg dst, Reg src) { emitRR(S64, 0, 0x0FA5, src.encoding(), dst, 0); }
    public final void shrdqCl(Reg dst, Reg src) { emitRR(S64, 0, 0x0FAD, src.encoding(), dst, 0); }
    public final void shldlCl(Reg dst, Reg src) { emitRR(S32, 0, 0x0FA5, src.encoding(), dst, 0); }
    public final void shrdlCl(Reg dst, Reg src) { emitRR(S32, 0, 0x0FAD, src.encoding(), dst, 0); }

    // ---------------------------------------------------------------- byte swap
    public final void bswapq(Reg r) { emitOpReg(S64, 0x0FC8, r, 0); }
    public final void bswapl(Reg r) { emitOpReg(S32, 0x0FC8, r, 0); }

    // ---------------------------------------------------------------- bit counting (POPCNT, LZCNT, BMI1)
    public final void popcntq(Reg dst, Reg src) { bitCount(S64, 0x0FB8, dst, src); }
    public final void popcntl(Reg dst, Reg src) { bitCount(S32, 0x0FB8, dst, src); }
    public final void popcntq(Reg dst, Mem src) { bitCount(S64, 0x0FB8, dst, src); }
    public final void popcntl(Reg dst, Mem src) { bitCount(S32, 0x0FB8, dst, src); }
    public final void lzcntq(Reg dst, Reg src) { bitCount(S64, 0x0FBD, dst, src); }
    public final void lzcntl(Reg dst, Reg src) { bitCount(S32, 0x0FBD, dst, src); }
    public final void lzcntq(Reg dst, Mem src) { bitCount(S64, 0x0FBD, dst, src); }
    public final void lzcntl(Reg dst, Mem src) { bitCount(S32, 0x0FBD, dst, src); }
    public final void tzcntq(Reg dst, Reg src) { bitCount(S64, 0x0FBC, dst, src); }
    public final void tzcntl(Reg dst, Reg src) { bitCount(S32, 0x0FBC, dst, src); }
    public final void tzcntq(Reg dst, Mem src) { bitCount(S64, 0x0FBC, dst, src); }
    public final void tzcntl(Reg dst, Mem src) { bitCount(S32, 0x0FBC, dst, src); }
}
