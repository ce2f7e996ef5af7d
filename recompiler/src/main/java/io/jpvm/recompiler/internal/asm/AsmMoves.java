package io.jpvm.recompiler.internal.asm;

/**
 * Data movement: mov in every width (register, memory, imm32, imm64), zero/sign extension
 * (movzx, movsx, movsxd), lea, setcc, cmovcc, xchg, push and pop.
 *
 * <p>32-bit register writes ({@code movl}, {@code movzbl}, {@code leal}...) zero the upper half of
 * the destination, as on hardware.
 */
public abstract class AsmMoves extends AsmBits {
    AsmMoves(CodeBuffer buf) {
        super(buf);
    }

    // ---------------------------------------------------------------- register and memory moves
    public final void movq(Reg dst, Reg src) { rr(S64, 0x89, src, dst); }
    /** 32-bit move; zero-extends into the upper half of {@code dst}. */
    public final void movl(Reg dst, Reg src) { rr(S32, 0x89, src, dst); }
    public final void movq(Reg dst, Mem src) { rm(S64, 0x8B, dst, src); }
    public final void movl(Reg dst, Mem src) { rm(S32, 0x8B, dst, src); }
    public final void movq(Mem dst, Reg src) { rm(S64, 0x89, src, dst); }
    public final void movl(Mem dst, Reg src) { rm(S32, 0x89, src, dst); }
    public final void movw(Mem dst, Reg src) { rm(S16, 0x89, src, dst); }
    /** Stores the low byte of {@code src} (sil/dil/spl/bpl get a REX prefix). */
    public final void movb(Mem dst, Reg src) { rm(S8, 0x88, src, dst); }

    // ---------------------------------------------------------------- immediates
    /** {@code mov r64, imm32}: the immediate is sign-extended to 64 bits. */
    public final void movq(Reg dst, int imm) {
        digitR(S64, 0xC7, 0, dst);
        buf.emit32(imm);
    }

    /** {@code mov r32, imm32} ({@code B8+r}): the upper half of {@code dst} becomes zero. */
    public final void movl(Reg dst, int imm) {
        emitOpReg(S32, 0xB8, dst, 0);
        buf.emit32(imm);
    }

    /** {@code movabs r64, imm64} ({@code REX.W B8+r}), always 10 bytes. */
    public final void movabsq(Reg dst, long imm) {
        emitOpReg(S64, 0xB8, dst, 0);
        buf.emit64(imm);
    }

    /**
     * Loads a 64-bit constant with the shortest plain mov: {@code movl} when it is a zero-extended
     * 32-bit value, {@code movq imm32} when it is a sign-extended one, else {@code movabsq}. Flags
     * are not affected (no {@code xor} for zero).
     */
    public final void movImm64(Reg dst, long imm) {
        if ((imm >>> 32) == 0) {
            movl(dst, (int) imm);
        } else if (imm == (int) imm) {
            movq(dst, (int) imm);
        } else {
            movabsq(dst, imm);
        }
    }

    /** {@code mov qword [dst], imm32} (sign-extended). */
    public final void movq(Mem dst, int imm) {
        digitM(S64, 0xC7, 0, dst, 4);
        buf.emit32(imm);
    }

    public final void movl(Mem dst, int imm) {
        digitM(S32, 0xC7, 0, dst, 4);
        buf.emit32(imm);
    }

    public final void movw(Mem dst, int imm) {
        digitM(S16, 0xC7, 0, dst, 2);
        buf.emit16(checkImm(S16, imm));
    }

    public final void movb(Mem dst, int imm) {
        digitM(S8, 0xC6, 0, dst, 1);
        buf.emit8(checkImm(S8, imm));
    }

    // ---------------------------------------------------------------- zero and sign extension
    private void extendRR(int size, int op, Reg dst, Reg src, boolean byteSrc) {
        emitRR(size, 0, op, dst.encoding(), src, byteSrc ? BYTE_RM : 0);
    }

    private void extendRM(int size, int op, Reg dst, Mem src) {
        emitRM(size, 0, op, dst.encoding(), src, 0, 0);
    }

    public final void movzbl(Reg dst, Reg src) { extendRR(S32, 0x0FB6, dst, src, true); }
    public final void movzbq(Reg dst, Reg src) { extendRR(S64, 0x0FB6, dst, src, true); }
    public final void movzwl(Reg dst, Reg src) { extendRR(S32, 0x0FB7, dst, src, false); }
    public final void movzwq(Reg dst, Reg src) { extendRR(S64, 0x0FB7, dst, src, false); }
    public final void movsbl(Reg dst, Reg src) { extendRR(S32, 0x0FBE, dst, src, true); }
    public final void movsbq(Reg dst, Reg src) { extendRR(S64, 0x0FBE, dst, src, true); }
    public final void movswl(Reg dst, Reg src) { extendRR(S32, 0x0FBF, dst, src, false); }
    public final void movswq(Reg dst, Reg src) { extendRR(S64, 0x0FBF, dst, src, false); }
    /** MOVSXD: sign-extend the low 32 bits of {@code src} into {@code dst}. */
    public final void movslq(Reg dst, Reg src) { extendRR(S64, 0x63, dst, src, false); }

    public final void movzbl(Reg dst, Mem src) { extendRM(S32, 0x0FB6, dst, src); }
    public final void movzbq(Reg dst, Mem src) { extendRM(S64, 0x0FB6, dst, src); }
    public final void movzwl(Reg dst, Mem src) { extendRM(S32, 0x0FB7, dst, src); }
    public final void movzwq(Reg dst, Mem src) { extendRM(S64, 0x0FB7, dst, src); }
    public final void movsbl(Reg dst, Mem src) { extendRM(S32, 0x0FBE, dst, src); }
    public final void movsbq(Reg dst, Mem src) { extendRM(S64, 0x0FBE, dst, src); }
    public final void movswl(Reg dst, Mem src) { extendRM(S32, 0x0FBF, dst, src); }
    public final void movswq(Reg dst, Mem src) { extendRM(S64, 0x0FBF, dst, src); }
    public final void movslq(Reg dst, Mem src) { extendRM(S64, 0x63, dst, src); }

    // ---------------------------------------------------------------- lea
    public final void leaq(Reg dst, Mem src) { rm(S64, 0x8D, dst, src); }
    /** 32-bit lea: the address is computed in 64 bits and truncated, upper half zeroed. */
    public final void leal(Reg dst, Mem src) { rm(S32, 0x8D, dst, src); }
    /** {@code lea dst, [rip + label]}: the absolute address of a label. */
    public final void leaq(Reg dst, Label target) { leaq(dst, Mem.rip(target)); }

    // ---------------------------------------------------------------- setcc and cmovcc
    /** Sets the low byte of {@code dst} to 0 or 1; the other bits are unchanged. */
    public final void setcc(Cond cc, Reg dst) { emitRR(S8, 0, 0x0F90 | cc.code(), 0, dst, BYTE_RM); }
    public final void setcc(Cond cc, Mem dst) { emitRM(S8, 0, 0x0F90 | cc.code(), 0, dst, 0, 0); }

    /** {@code setcc dst8; movzx dst32, dst8}: dst = cc ? 1 : 0 as a full 64-bit value. */
    public final void setccZx(Cond cc, Reg dst) {
        setcc(cc, dst);
        movzbl(dst, dst);
    }

    public final void cmovq(Cond cc, Reg dst, Reg src) { emitRR(S64, 0, 0x0F40 | cc.code(), dst.encoding(), src, 0); }
    public final void cmovl(Cond cc, Reg dst, Reg src) { emitRR(S32, 0, 0x0F40 | cc.code(), dst.encoding(), src, 0); }
    public final void cmovq(Cond cc, Reg dst, Mem src) { emitRM(S64, 0, 0x0F40 | cc.code(), dst.encoding(), src, 0, 0); }
    public final void cmovl(Cond cc, Reg dst, Mem src) { emitRM(S32, 0, 0x0F40 | cc.code(), dst.encoding(), src, 0, 0); }

    // ---------------------------------------------------------------- xchg
    private void xchg(int size, Reg a, Reg b) {
        // The short form 90+r swaps with rax. 90 alone is a nop: right for xchg rax, rax, wrong
        // for xchg eax, eax (which zeroes the upper half), so that case uses 87 /r.
        if (a == Reg.RAX && b == Reg.RAX && size == S64) {
            buf.emit8(0x90);
        } else if (a == Reg.RAX && b != Reg.RAX) {
            emitOpReg(size, 0x90, b, 0);
        } else if (b == Reg.RAX && a != Reg.RAX) {
            emitOpReg(size, 0x90, a, 0);
        } else {
            rr(size, 0x87, a, b);
        }
    }

    public final void xchgq(Reg a, Reg b) { xchg(S64, a, b); }
    public final void xchgl(Reg a, Reg b) { xchg(S32, a, b); }
    /** Swap with memory (implicitly locked by the CPU). */
    public final void xchgq(Reg a, Mem b) { rm(S64, 0x87, a, b); }

    // ---------------------------------------------------------------- stack
    public final void push(Reg r) { emitOpReg(S32, 0x50, r, 0); }
    public final void pop(Reg r) { emitOpReg(S32, 0x58, r, 0); }
    public final void push(Mem m) { digitM(S32, 0xFF, 6, m, 0); }
    public final void pop(Mem m) { digitM(S32, 0x8F, 0, m, 0); }

    /** Pushes a sign-extended 32-bit immediate (imm8 form when it fits). */
    public final void push(int imm) {
        if (isByte(imm)) {
            buf.emit8(0x6A);
            buf.emit8(imm);
        } else {
            buf.emit8(0x68);
            buf.emit32(imm);
        }
    }
}
