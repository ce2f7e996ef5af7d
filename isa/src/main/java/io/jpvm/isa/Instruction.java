package io.jpvm.isa;

/**
 * One decoded instruction. Register fields are clamped to 0..12; immediates are sign-extended to 64
 * bits (load_imm_64's are the 8 raw bytes). Which fields are meaningful depends on the opcode's
 * {@link OperandClass}:
 * <ul>
 *   <li>REG_IMM64, REG_IMM, REG_IMM_IMM, REG_IMM_OFFSET: {@code a}</li>
 *   <li>REG_REG: {@code d} (destination, low nibble), {@code a} (source, high nibble)</li>
 *   <li>REG_REG_IMM, REG_REG_OFFSET, REG_REG_IMM_IMM: {@code a} (low nibble), {@code b} (high)</li>
 *   <li>REG_REG_REG: {@code a} (low nibble), {@code b} (high nibble), {@code d} (whole third byte)</li>
 *   <li>{@code imm1} = X, {@code imm2} = Y; {@code target} = pc + offset for offset classes</li>
 * </ul>
 *
 * @param pc       the instruction's code offset
 * @param opcode   the opcode byte (may be undefined in the profile)
 * @param skip     ℓ: bytes after the opcode byte up to the next instruction start (0..24)
 * @param valid    whether the opcode is valid in the profile and its bitmask bit is set
 */
public record Instruction(int pc, int opcode, int skip, boolean valid, int a, int b, int d, long imm1, long imm2,
                          long target) {

    /** The pc of the next instruction in sequence. */
    public int nextPc() {
        return pc + 1 + skip;
    }

    public OperandClass operandClass() {
        return OperandClass.of(opcode);
    }
}
