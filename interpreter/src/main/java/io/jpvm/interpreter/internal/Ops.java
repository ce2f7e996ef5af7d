package io.jpvm.interpreter.internal;

/**
 * Internal operation codes of the dense form. Raw PVM opcodes keep their numbers where both
 * profiles agree; profile-specific behaviour gets a code from the unused range 4..9.
 */
public final class Ops {
    private Ops() {}

    /** Panics at this instruction: invalid opcode, gp072 trap, javm sbrk, unreachable gaps. */
    public static final int PANIC = 4;
    /** Running off the end of the code. */
    public static final int END = 5;
    /** gp072 jump_ind: 0xFFFF0000 halts. */
    public static final int JUMP_IND_GP = 6;
    /** gp072 load_imm_jump_ind: reads B before writing A; 0xFFFF0000 halts. */
    public static final int LOAD_IMM_JUMP_IND_GP = 7;
    /** No-op block terminator (fallthrough, unlikely). */
    public static final int FALLTHROUGH = 1;
}
