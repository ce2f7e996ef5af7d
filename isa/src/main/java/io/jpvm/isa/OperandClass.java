package io.jpvm.isa;

/** How an instruction's operand bytes are laid out (Gray Paper A.5.1 to A.5.13). */
public enum OperandClass {
    /** A.5.1: no operands. */
    NONE,
    /** A.5.2: one immediate. */
    IMM,
    /** A.5.3: a register and a raw 64-bit immediate. */
    REG_IMM64,
    /** A.5.4: two immediates. */
    IMM_IMM,
    /** A.5.5: one offset. */
    OFFSET,
    /** A.5.6: a register and an immediate. */
    REG_IMM,
    /** A.5.7: a register and two immediates. */
    REG_IMM_IMM,
    /** A.5.8: a register, an immediate and an offset. */
    REG_IMM_OFFSET,
    /** A.5.9: two registers (destination in the low nibble). */
    REG_REG,
    /** A.5.10: two registers and an immediate. */
    REG_REG_IMM,
    /** A.5.11: two registers and an offset. */
    REG_REG_OFFSET,
    /** A.5.12: two registers and two immediates. */
    REG_REG_IMM_IMM,
    /** A.5.13: three registers. */
    REG_REG_REG;

    /** The operand class of a defined opcode; {@link #NONE} for undefined bytes. */
    public static OperandClass of(int opcode) {
        if (opcode <= 3) {
            return NONE;
        } else if (opcode == 10) {
            return IMM;
        } else if (opcode == 20) {
            return REG_IMM64;
        } else if (opcode >= 30 && opcode <= 33) {
            return IMM_IMM;
        } else if (opcode == 40) {
            return OFFSET;
        } else if (opcode >= 50 && opcode <= 62) {
            return REG_IMM;
        } else if (opcode >= 70 && opcode <= 73) {
            return REG_IMM_IMM;
        } else if (opcode >= 80 && opcode <= 90) {
            return REG_IMM_OFFSET;
        } else if (opcode >= 100 && opcode <= 111) {
            return REG_REG;
        } else if (opcode >= 120 && opcode <= 161) {
            return REG_REG_IMM;
        } else if (opcode >= 170 && opcode <= 175) {
            return REG_REG_OFFSET;
        } else if (opcode == 180) {
            return REG_REG_IMM_IMM;
        } else if (opcode >= 190 && opcode <= 230) {
            return REG_REG_REG;
        }
        return NONE;
    }
}
