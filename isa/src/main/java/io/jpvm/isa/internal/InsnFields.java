package io.jpvm.isa.internal;

import io.jpvm.isa.Instruction;
import io.jpvm.isa.OperandClass;

/**
 * The operand values of one instruction, independent of its encoding. Which fields matter depends on
 * the opcode's {@link OperandClass} exactly as in {@link Instruction}; {@code offset} is the branch
 * offset (target − pc) of the offset classes.
 */
public record InsnFields(int opcode, int a, int b, int d, long x, long y, long offset) {

    /** The fields of a decoded instruction. */
    public static InsnFields of(Instruction in) {
        return new InsnFields(in.opcode(), in.a(), in.b(), in.d(), in.imm1(), in.imm2(), in.target() - in.pc());
    }

    public OperandClass operandClass() {
        return OperandClass.of(opcode);
    }

    public InsnFields withOffset(long newOffset) {
        return new InsnFields(opcode, a, b, d, x, y, newOffset);
    }
}
