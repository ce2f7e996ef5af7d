package io.jpvm.isa.internal;

import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import java.util.function.LongFunction;

/** The readable assembly text of a decoded instruction. */
public final class InsnText {
    private InsnText() {}

    /** Text of {@code in} (a defined opcode); branch targets are named by {@code target}. */
    public static String format(Instruction in, LongFunction<String> target) {
        String m = Opcode.name(in.opcode());
        if (m == null) {
            return "invalid opcode " + in.opcode();
        }
        String t = target.apply(in.target());
        return switch (in.operandClass()) {
            case NONE -> m;
            case IMM -> m + " " + imm(in.imm1());
            case REG_IMM64 -> m + " " + reg(in.a()) + ", " + imm64(in.imm1());
            case IMM_IMM -> m + " " + imm(in.imm1()) + ", " + imm(in.imm2());
            case OFFSET -> m + " " + t;
            case REG_IMM -> m + " " + reg(in.a()) + ", " + imm(in.imm1());
            case REG_IMM_IMM -> m + " " + reg(in.a()) + ", " + imm(in.imm1()) + ", " + imm(in.imm2());
            case REG_IMM_OFFSET -> m + " " + reg(in.a()) + ", " + imm(in.imm1()) + ", " + t;
            case REG_REG -> m + " " + reg(in.d()) + ", " + reg(in.a());
            case REG_REG_IMM -> m + " " + reg(in.a()) + ", " + reg(in.b()) + ", " + imm(in.imm1());
            case REG_REG_OFFSET -> m + " " + reg(in.a()) + ", " + reg(in.b()) + ", " + t;
            case REG_REG_IMM_IMM -> m + " " + reg(in.a()) + ", " + reg(in.b()) + ", " + imm(in.imm1()) + ", "
                    + imm(in.imm2());
            case REG_REG_REG -> m + " " + reg(in.d()) + ", " + reg(in.a()) + ", " + reg(in.b());
        };
    }

    public static String reg(int r) {
        return "r" + r;
    }

    /** Decimal for small magnitudes, signed hex otherwise. */
    public static String imm(long v) {
        if (v > -65536 && v < 65536) {
            return Long.toString(v);
        }
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /** Decimal below 65536, else the unsigned 64-bit pattern in hex. */
    public static String imm64(long v) {
        return v >= 0 && v < 65536 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
