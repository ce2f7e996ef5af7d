package io.jpvm.recompiler.internal.asm;

/**
 * Integer arithmetic: the eight classic binary ALU operations (add, or, adc, sbb, and, sub, xor,
 * cmp), test, the one-operand group (inc, dec, neg, not, mul, imul, div, idiv), two- and
 * three-operand imul, and sign extension of rax into rdx (cqo, cdq, cdqe).
 *
 * <p>Register-register forms use the {@code r/m, reg} opcode ({@code 01 /r} for add), as llvm-mc
 * does. Immediates use the sign-extended imm8 form when it fits, else the rax short form, else
 * imm32 (sign-extended to 64 bits in q forms).
 */
public abstract class AsmArith extends AsmEncoder {
    static final int ADD = 0;
    static final int OR = 1;
    static final int ADC = 2;
    static final int SBB = 3;
    static final int AND = 4;
    static final int SUB = 5;
    static final int XOR = 6;
    static final int CMP = 7;

    AsmArith(CodeBuffer buf) {
        super(buf);
    }

    // ---------------------------------------------------------------- encoders

    static int checkImm(int size, int imm) {
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

    final void aluRR(int size, int op, Reg dst, Reg src) {
        rr(size, op << 3 | (size == S8 ? 0x00 : 0x01), src, dst);
    }

    final void aluRM(int size, int op, Reg dst, Mem src) {
        rm(size, op << 3 | (size == S8 ? 0x02 : 0x03), dst, src);
    }

    final void aluMR(int size, int op, Mem dst, Reg src) {
        rm(size, op << 3 | (size == S8 ? 0x00 : 0x01), src, dst);
    }

    final void aluRI(int size, int op, Reg dst, int imm) {
        checkImm(size, imm);
        if (size == S8) {
            if (dst == Reg.RAX) {
                emitOp(S8, op << 3 | 0x04);
            } else {
                digitR(S8, 0x80, op, dst);
            }
            buf.emit8(imm);
        } else if (isByte(imm)) {
            digitR(size, 0x83, op, dst);
            buf.emit8(imm);
        } else {
            if (dst == Reg.RAX) {
                emitOp(size, op << 3 | 0x05);
            } else {
                digitR(size, 0x81, op, dst);
            }
            emitImm(size, imm);
        }
    }

    final void aluMI(int size, int op, Mem dst, int imm) {
        checkImm(size, imm);
        if (size == S8) {
            digitM(S8, 0x80, op, dst, 1);
            buf.emit8(imm);
        } else if (isByte(imm)) {
            digitM(size, 0x83, op, dst, 1);
            buf.emit8(imm);
        } else {
            digitM(size, 0x81, op, dst, immBytes(size));
            emitImm(size, imm);
        }
    }

    /** The one-operand group F7 /digit (FE/FF for inc/dec). */
    final void unaryR(int size, int op, int digit, Reg r) {
        digitR(size, size == S8 ? op - 1 : op, digit, r);
    }

    final void unaryM(int size, int op, int digit, Mem m) {
        digitM(size, size == S8 ? op - 1 : op, digit, m, 0);
    }

    final void testRI(int size, Reg r, int imm) {
        checkImm(size, imm);
        if (r == Reg.RAX) {
            emitOp(size, size == S8 ? 0xA8 : 0xA9);
        } else {
            digitR(size, size == S8 ? 0xF6 : 0xF7, 0, r);
        }
        emitImm(size, imm);
    }

    final void testMI(int size, Mem m, int imm) {
        checkImm(size, imm);
        digitM(size, size == S8 ? 0xF6 : 0xF7, 0, m, immBytes(size));
        emitImm(size, imm);
    }

    final void imulRRI(int size, Reg dst, Reg src, int imm) {
        if (isByte(imm)) {
            emitRR(size, 0, 0x6B, dst.encoding(), src, 0);
            buf.emit8(imm);
        } else {
            emitRR(size, 0, 0x69, dst.encoding(), src, 0);
            emitImm(size, imm);
        }
    }

    final void imulRMI(int size, Reg dst, Mem src, int imm) {
        if (isByte(imm)) {
            emitRM(size, 0, 0x6B, dst.encoding(), src, 0, 1);
            buf.emit8(imm);
        } else {
            emitRM(size, 0, 0x69, dst.encoding(), src, 0, immBytes(size));
            emitImm(size, imm);
        }
    }

    // ---------------------------------------------------------------- add
    public final void addq(Reg dst, Reg src) { aluRR(S64, ADD, dst, src); }
    public final void addq(Reg dst, int imm) { aluRI(S64, ADD, dst, imm); }
    public final void addq(Reg dst, Mem src) { aluRM(S64, ADD, dst, src); }
    public final void addq(Mem dst, Reg src) { aluMR(S64, ADD, dst, src); }
    public final void addq(Mem dst, int imm) { aluMI(S64, ADD, dst, imm); }
    public final void addl(Reg dst, Reg src) { aluRR(S32, ADD, dst, src); }
    public final void addl(Reg dst, int imm) { aluRI(S32, ADD, dst, imm); }
    public final void addl(Reg dst, Mem src) { aluRM(S32, ADD, dst, src); }
    public final void addl(Mem dst, Reg src) { aluMR(S32, ADD, dst, src); }
    public final void addl(Mem dst, int imm) { aluMI(S32, ADD, dst, imm); }

    // ---------------------------------------------------------------- or
    public final void orq(Reg dst, Reg src) { aluRR(S64, OR, dst, src); }
    public final void orq(Reg dst, int imm) { aluRI(S64, OR, dst, imm); }
    public final void orq(Reg dst, Mem src) { aluRM(S64, OR, dst, src); }
    public final void orq(Mem dst, Reg src) { aluMR(S64, OR, dst, src); }
    public final void orq(Mem dst, int imm) { aluMI(S64, OR, dst, imm); }
    public final void orl(Reg dst, Reg src) { aluRR(S32, OR, dst, src); }
    public final void orl(Reg dst, int imm) { aluRI(S32, OR, dst, imm); }
    public final void orl(Reg dst, Mem src) { aluRM(S32, OR, dst, src); }
    public final void orl(Mem dst, Reg src) { aluMR(S32, OR, dst, src); }
    public final void orl(Mem dst, int imm) { aluMI(S32, OR, dst, imm); }

    // ---------------------------------------------------------------- adc
    public final void adcq(Reg dst, Reg src) { aluRR(S64, ADC, dst, src); }
    public final void adcq(Reg dst, int imm) { aluRI(S64, ADC, dst, imm); }
    public final void adcq(Reg dst, Mem src) { aluRM(S64, ADC, dst, src); }
    public final void adcl(Reg dst, Reg src) { aluRR(S32, ADC, dst, src); }
    public final void adcl(Reg dst, int imm) { aluRI(S32, ADC, dst, imm); }

    // ---------------------------------------------------------------- sbb
    public final void sbbq(Reg dst, Reg src) { aluRR(S64, SBB, dst, src); }
    public final void sbbq(Reg dst, int imm) { aluRI(S64, SBB, dst, imm); }
    public final void sbbq(Reg dst, Mem src) { aluRM(S64, SBB, dst, src); }
    public final void sbbl(Reg dst, Reg src) { aluRR(S32, SBB, dst, src); }
    public final void sbbl(Reg dst, int imm) { aluRI(S32, SBB, dst, imm); }

    // ---------------------------------------------------------------- and
    public final void andq(Reg dst, Reg src) { aluRR(S64, AND, dst, src); }
    public final void andq(Reg dst, int imm) { aluRI(S64, AND, dst, imm); }
    public final void andq(Reg dst, Mem src) { aluRM(S64, AND, dst, src); }
    public final void andq(Mem dst, Reg src) { aluMR(S64, AND, dst, src); }
    public final void andq(Mem dst, int imm) { aluMI(S64, AND, dst, imm); }
    public final void andl(Reg dst, Reg src) { aluRR(S32, AND, dst, src); }
    public final void andl(Reg dst, int imm) { aluRI(S32, AND, dst, imm); }
    public final void andl(Reg dst, Mem src) { aluRM(S32, AND, dst, src); }
    public final void andl(Mem dst, Reg src) { aluMR(S32, AND, dst, src); }
    public final void andl(Mem dst, int imm) { aluMI(S32, AND, dst, imm); }

    // ---------------------------------------------------------------- sub
    public final void subq(Reg dst, Reg src) { aluRR(S64, SUB, dst, src); }
    public final void subq(Reg dst, int imm) { aluRI(S64, SUB, dst, imm); }
    public final void subq(Reg dst, Mem src) { aluRM(S64, SUB, dst, src); }
    public final void subq(Mem dst, Reg src) { aluMR(S64, SUB, dst, src); }
    public final void subq(Mem dst, int imm) { aluMI(S64, SUB, dst, imm); }
    public final void subl(Reg dst, Reg src) { aluRR(S32, SUB, dst, src); }
    public final void subl(Reg dst, int imm) { aluRI(S32, SUB, dst, imm); }
    public final void subl(Reg dst, Mem src) { aluRM(S32, SUB, dst, src); }
    public final void subl(Mem dst, Reg src) { aluMR(S32, SUB, dst, src); }
    public final void subl(Mem dst, int imm) { aluMI(S32, SUB, dst, imm); }

    /**
     * {@code sub qword [dst], imm32} always in the imm32 form, so the immediate can be patched
     * later (a gas block's cost is known only after its last instruction).
     *
     * @return the code offset of the imm32 field, for {@link #patchInt(int, int)}
     */
    public final int subqImm32(Mem dst, int imm) {
        digitM(S64, 0x81, SUB, dst, 4);
        int pos = buf.position();
        buf.emit32(imm);
        return pos;
    }

    // ---------------------------------------------------------------- xor
    public final void xorq(Reg dst, Reg src) { aluRR(S64, XOR, dst, src); }
    public final void xorq(Reg dst, int imm) { aluRI(S64, XOR, dst, imm); }
    public final void xorq(Reg dst, Mem src) { aluRM(S64, XOR, dst, src); }
    public final void xorq(Mem dst, Reg src) { aluMR(S64, XOR, dst, src); }
    public final void xorq(Mem dst, int imm) { aluMI(S64, XOR, dst, imm); }
    public final void xorl(Reg dst, Reg src) { aluRR(S32, XOR, dst, src); }
    public final void xorl(Reg dst, int imm) { aluRI(S32, XOR, dst, imm); }
    public final void xorl(Reg dst, Mem src) { aluRM(S32, XOR, dst, src); }
    public final void xorl(Mem dst, Reg src) { aluMR(S32, XOR, dst, src); }
    public final void xorl(Mem dst, int imm) { aluMI(S32, XOR, dst, imm); }

    // ---------------------------------------------------------------- cmp
    public final void cmpq(Reg dst, Reg src) { aluRR(S64, CMP, dst, src); }
    public final void cmpq(Reg dst, int imm) { aluRI(S64, CMP, dst, imm); }
    public final void cmpq(Reg dst, Mem src) { aluRM(S64, CMP, dst, src); }
    public final void cmpq(Mem dst, Reg src) { aluMR(S64, CMP, dst, src); }
    public final void cmpq(Mem dst, int imm) { aluMI(S64, CMP, dst, imm); }
    public final void cmpl(Reg dst, Reg src) { aluRR(S32, CMP, dst, src); }
    public final void cmpl(Reg dst, int imm) { aluRI(S32, CMP, dst, imm); }
    public final void cmpl(Reg dst, Mem src) { aluRM(S32, CMP, dst, src); }
    public final void cmpl(Mem dst, Reg src) { aluMR(S32, CMP, dst, src); }
    public final void cmpl(Mem dst, int imm) { aluMI(S32, CMP, dst, imm); }
    public final void cmpb(Reg dst, Reg src) { aluRR(S8, CMP, dst, src); }
    public final void cmpb(Reg dst, int imm) { aluRI(S8, CMP, dst, imm); }
    public final void cmpb(Mem dst, int imm) { aluMI(S8, CMP, dst, imm); }

    // ---------------------------------------------------------------- test
    public final void testq(Reg a, Reg b) { rr(S64, 0x85, b, a); }
    public final void testq(Reg a, int imm) { testRI(S64, a, imm); }
    public final void testq(Mem a, Reg b) { rm(S64, 0x85, b, a); }
    public final void testq(Mem a, int imm) { testMI(S64, a, imm); }
    public final void testl(Reg a, Reg b) { rr(S32, 0x85, b, a); }
    public final void testl(Reg a, int imm) { testRI(S32, a, imm); }
    public final void testl(Mem a, Reg b) { rm(S32, 0x85, b, a); }
    public final void testl(Mem a, int imm) { testMI(S32, a, imm); }
    public final void testb(Reg a, Reg b) { rr(S8, 0x84, b, a); }
    public final void testb(Reg a, int imm) { testRI(S8, a, imm); }
    public final void testb(Mem a, int imm) { testMI(S8, a, imm); }

    // ---------------------------------------------------------------- one-operand group
    public final void incq(Reg r) { unaryR(S64, 0xFF, 0, r); }
    public final void incl(Reg r) { unaryR(S32, 0xFF, 0, r); }
    public final void incq(Mem m) { unaryM(S64, 0xFF, 0, m); }
    public final void decq(Reg r) { unaryR(S64, 0xFF, 1, r); }
    public final void decl(Reg r) { unaryR(S32, 0xFF, 1, r); }
    public final void decq(Mem m) { unaryM(S64, 0xFF, 1, m); }
    public final void notq(Reg r) { unaryR(S64, 0xF7, 2, r); }
    public final void notl(Reg r) { unaryR(S32, 0xF7, 2, r); }
    public final void negq(Reg r) { unaryR(S64, 0xF7, 3, r); }
    public final void negl(Reg r) { unaryR(S32, 0xF7, 3, r); }
    /** Unsigned rdx:rax = rax * src. */
    public final void mulq(Reg src) { unaryR(S64, 0xF7, 4, src); }
    /** Unsigned edx:eax = eax * src. */
    public final void mull(Reg src) { unaryR(S32, 0xF7, 4, src); }
    /** Signed rdx:rax = rax * src (one-operand imul). */
    public final void imulq(Reg src) { unaryR(S64, 0xF7, 5, src); }
    /** Signed edx:eax = eax * src (one-operand imul). */
    public final void imull(Reg src) { unaryR(S32, 0xF7, 5, src); }
    /** Unsigned rdx:rax / src: quotient in rax, remainder in rdx. */
    public final void divq(Reg src) { unaryR(S64, 0xF7, 6, src); }
    public final void divl(Reg src) { unaryR(S32, 0xF7, 6, src); }
    /** Signed rdx:rax / src: quotient in rax, remainder in rdx. */
    public final void idivq(Reg src) { unaryR(S64, 0xF7, 7, src); }
    public final void idivl(Reg src) { unaryR(S32, 0xF7, 7, src); }
    /** Unsigned rdx:rax = rax * qword [src]. */
    public final void mulq(Mem src) { unaryM(S64, 0xF7, 4, src); }
    /** Unsigned edx:eax = eax * dword [src]. */
    public final void mull(Mem src) { unaryM(S32, 0xF7, 4, src); }
    /** Signed rdx:rax = rax * qword [src] (one-operand imul). */
    public final void imulq(Mem src) { unaryM(S64, 0xF7, 5, src); }
    /** Signed edx:eax = eax * dword [src] (one-operand imul). */
    public final void imull(Mem src) { unaryM(S32, 0xF7, 5, src); }
    /** Unsigned rdx:rax / qword [src]: quotient in rax, remainder in rdx. */
    public final void divq(Mem src) { unaryM(S64, 0xF7, 6, src); }
    /** Unsigned edx:eax / dword [src]: quotient in eax, remainder in edx. */
    public final void divl(Mem src) { unaryM(S32, 0xF7, 6, src); }
    /** Signed rdx:rax / qword [src]: quotient in rax, remainder in rdx. */
    public final void idivq(Mem src) { unaryM(S64, 0xF7, 7, src); }
    /** Signed edx:eax / dword [src]: quotient in eax, remainder in edx. */
    public final void idivl(Mem src) { unaryM(S32, 0xF7, 7, src); }

    // ---------------------------------------------------------------- imul two and three operands
    public final void imulq(Reg dst, Reg src) { emitRR(S64, 0, 0x0FAF, dst.encoding(), src, 0); }
    public final void imulq(Reg dst, Mem src) { emitRM(S64, 0, 0x0FAF, dst.encoding(), src, 0, 0); }
    public final void imulq(Reg dst, Reg src, int imm) { imulRRI(S64, dst, src, imm); }
    public final void imulq(Reg dst, Mem src, int imm) { imulRMI(S64, dst, src, imm); }
    public final void imull(Reg dst, Reg src) { emitRR(S32, 0, 0x0FAF, dst.encoding(), src, 0); }
    public final void imull(Reg dst, Mem src) { emitRM(S32, 0, 0x0FAF, dst.encoding(), src, 0, 0); }
    public final void imull(Reg dst, Reg src, int imm) { imulRRI(S32, dst, src, imm); }
    public final void imull(Reg dst, Mem src, int imm) { imulRMI(S32, dst, src, imm); }

    // ---------------------------------------------------------------- sign extension of rax
    /** rdx:rax = sign-extend(rax). */
    public final void cqo() { emitOp(S64, 0x99); }
    /** edx:eax = sign-extend(eax). */
    public final void cdq() { emitOp(S32, 0x99); }
    /** rax = sign-extend(eax). */
    public final void cdqe() { emitOp(S64, 0x98); }
}
