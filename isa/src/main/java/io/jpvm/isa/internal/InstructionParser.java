package io.jpvm.isa.internal;

import io.jpvm.isa.Opcode;
import io.jpvm.isa.OperandClass;
import java.util.List;

/** Turns one instruction line (mnemonic and operands) into code items. */
public final class InstructionParser {
    private InstructionParser() {}

    /** The operand forms per class, as shown in error messages and documented in docs/assembly.md. */
    public static String form(OperandClass c) {
        return switch (c) {
            case NONE -> "";
            case IMM -> "imm";
            case REG_IMM64 -> "rA, imm64";
            case IMM_IMM -> "immX, immY";
            case OFFSET -> "target";
            case REG_IMM -> "rA, imm";
            case REG_IMM_IMM -> "rA, immX, immY";
            case REG_IMM_OFFSET -> "rA, imm, target";
            case REG_REG -> "rD, rA";
            case REG_REG_IMM -> "rA, rB, imm";
            case REG_REG_OFFSET -> "rA, rB, target";
            case REG_REG_IMM_IMM -> "rA, rB, immX, immY";
            case REG_REG_REG -> "rD, rA, rB";
        };
    }

    private static int arity(OperandClass c) {
        String f = form(c);
        return f.isEmpty() ? 0 : f.split(",").length;
    }

    /** Parses {@code line} (whose head is a mnemonic) into {@code out}. */
    public static void parse(SourceLine line, CodeBuilder out) {
        int op = Opcode.byName(line.head());
        if (op < 0) {
            throw new AsmFailure("unknown mnemonic '" + line.head() + "'");
        }
        OperandClass c = OperandClass.of(op);
        List<String> o = Operands.commaList(line.rest());
        if (o.size() != arity(c)) {
            String f = form(c);
            throw new AsmFailure(line.head() + " expects " + arity(c) + " operand" + (arity(c) == 1 ? "" : "s")
                    + (f.isEmpty() ? "" : " (" + f + ")") + ", got " + o.size());
        }
        InsnFields f = switch (c) {
            case NONE -> fields(op, 0, 0, 0, 0, 0);
            case IMM -> fields(op, 0, 0, 0, Operands.imm32(o.get(0)), 0);
            case REG_IMM64 -> fields(op, reg(o, 0), 0, 0, Operands.imm64(o.get(1)), 0);
            case IMM_IMM -> fields(op, 0, 0, 0, imm(o, 0), imm(o, 1));
            case OFFSET -> fields(op, 0, 0, 0, 0, 0);
            case REG_IMM -> fields(op, reg(o, 0), 0, 0, imm(o, 1), 0);
            case REG_IMM_IMM -> fields(op, reg(o, 0), 0, 0, imm(o, 1), imm(o, 2));
            case REG_IMM_OFFSET -> fields(op, reg(o, 0), 0, 0, imm(o, 1), 0);
            case REG_REG -> fields(op, reg(o, 1), 0, reg(o, 0), 0, 0);
            case REG_REG_IMM -> fields(op, reg(o, 0), reg(o, 1), 0, imm(o, 2), 0);
            case REG_REG_OFFSET -> fields(op, reg(o, 0), reg(o, 1), 0, 0, 0);
            case REG_REG_IMM_IMM -> fields(op, reg(o, 0), reg(o, 1), 0, imm(o, 2), imm(o, 3));
            case REG_REG_REG -> fields(op, reg(o, 1), reg(o, 2), reg(o, 0), 0, 0);
        };
        if (Encoding.hasOffset(c)) {
            out.branch(f, Operands.target(o.get(o.size() - 1)), line.number());
        } else {
            out.instruction(Encoding.encode(f, 0));
        }
    }

    private static InsnFields fields(int op, int a, int b, int d, long x, long y) {
        return new InsnFields(op, a, b, d, x, y, 0);
    }

    private static int reg(List<String> o, int i) {
        return Operands.register(o.get(i));
    }

    private static long imm(List<String> o, int i) {
        return Operands.imm32(o.get(i));
    }
}
