package io.jpvm.recompiler.internal.codegen;

import io.jpvm.recompiler.internal.asm.Reg;

/**
 * Where the 13 PVM registers live while generated code runs: each one pinned in a host register for
 * the whole run. r15 holds the guest base, rsp the native stack, rdx is the scratch register (and the
 * zero-extended guest address of every memory access).
 *
 * <pre>
 *   φ0 rbx   φ1 rbp   φ2 r12   φ3 r13   φ4 r14   φ5 rsi   φ6 rdi
 *   φ7 r8    φ8 r9    φ9 r10   φ10 r11  φ11 rax  φ12 rcx
 * </pre>
 *
 * φ11 and φ12 (a4, a5 in the RISC-V ABI, the least used argument registers) take rax and rcx, which
 * multiplication, division and shifts by a register borrow for a moment (saved in the context's
 * scratch slots).
 */
public final class RegisterMap {
    private RegisterMap() {}

    private static final Reg[] HOST = {
        Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.RSI, Reg.RDI,
        Reg.R8, Reg.R9, Reg.R10, Reg.R11, Reg.RAX, Reg.RCX,
    };

    /** {@link #HOST}'s 4-bit encodings, indexed by a decoded 4-bit register field (0..12 in valid code). */
    private static final int[] ENCODING = new int[16];

    static {
        for (int g = 0; g < 16; g++) {
            ENCODING[g] = HOST[Math.min(g, HOST.length - 1)].ordinal();
        }
    }

    /** The 4-bit encoding of the host register holding PVM register {@code guest} ({@code guest & 15}). */
    static int encoding(int guest) {
        return ENCODING[guest & 15];
    }

    /** The host register holding PVM register {@code guest} (0..12). */
    public static Reg host(int guest) {
        return HOST[guest];
    }

    /** The callee-saved host registers the generated code uses, in push order. */
    static final Reg[] CALLEE_SAVED = {Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.R15};
}
