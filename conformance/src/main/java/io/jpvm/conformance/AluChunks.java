package io.jpvm.conformance;

import io.jpvm.isa.Opcode;
import io.jpvm.isa.OperandClass;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Fuzz chunks of arithmetic: every ALU opcode of every operand class, and the division edge cases. */
final class AluChunks {
    /** Every opcode that computes into a register without touching memory or control flow. */
    static final int[] OPCODES = IntStream.range(0, 256).filter(AluChunks::isAlu).toArray();
    static final int[] DIVISIONS = {
        Opcode.DIV_U_32, Opcode.DIV_S_32, Opcode.REM_U_32, Opcode.REM_S_32,
        Opcode.DIV_U_64, Opcode.DIV_S_64, Opcode.REM_U_64, Opcode.REM_S_64,
    };

    private AluChunks() {}

    private static boolean isAlu(int op) {
        if (!Opcode.isDefined(op) || op == Opcode.SBRK) {
            return false;
        }
        return switch (OperandClass.of(op)) {
            case REG_IMM64, REG_REG, REG_REG_REG -> true;
            case REG_IMM -> op == Opcode.LOAD_IMM;
            case REG_REG_IMM -> op >= Opcode.ADD_IMM_32;
            default -> false;
        };
    }

    /** One random ALU instruction, its source registers sometimes loaded with edge values first. */
    static String alu(SplittableRandom r) {
        int op = OPCODES[r.nextInt(OPCODES.length)];
        String name = Opcode.name(op);
        StringBuilder s = new StringBuilder();
        int d = FuzzValues.reg(r);
        int a = FuzzValues.reg(r);
        int b = FuzzValues.reg(r);
        switch (OperandClass.of(op)) {
            case REG_IMM64 -> s.append(name).append(" r").append(d).append(", ").append(FuzzValues.imm64(FuzzValues.value(r)));
            case REG_IMM -> s.append(name).append(" r").append(d).append(", ").append(FuzzValues.imm(r));
            case REG_REG -> {
                preload(s, r, a);
                s.append(name).append(" r").append(d).append(", r").append(a);
            }
            case REG_REG_IMM -> {
                preload(s, r, b);
                s.append(name).append(" r").append(d).append(", r").append(b).append(", ").append(FuzzValues.imm(r));
            }
            default -> {
                preload(s, r, a);
                preload(s, r, b);
                s.append(name).append(" r").append(d).append(", r").append(a).append(", r").append(b);
            }
        }
        return s.toString();
    }

    /** A division or remainder with both operands loaded from the edge cases (x/0, MIN/−1, …). */
    static String division(SplittableRandom r) {
        int op = DIVISIONS[r.nextInt(DIVISIONS.length)];
        int a = FuzzValues.reg(r);
        int b = r.nextInt(8) == 0 ? a : FuzzValues.regOtherThan(r, a);
        int d = r.nextBoolean() ? FuzzValues.reg(r) : a;
        StringBuilder s = new StringBuilder();
        s.append("load_imm_64 r").append(a).append(", ").append(FuzzValues.imm64(FuzzValues.division(r))).append('\n');
        if (b != a) {
            s.append("load_imm_64 r").append(b).append(", ").append(FuzzValues.imm64(FuzzValues.division(r))).append('\n');
        }
        return s.append(Opcode.name(op)).append(" r").append(d).append(", r").append(a).append(", r").append(b).toString();
    }

    private static void preload(StringBuilder s, SplittableRandom r, int reg) {
        if (r.nextInt(10) < 3) {
            s.append("load_imm_64 r").append(reg).append(", ").append(FuzzValues.imm64(FuzzValues.value(r))).append('\n');
        }
    }
}
