package io.jpvm.interpreter;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.GasSchedule;
import io.jpvm.interpreter.internal.Ops;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;

/**
 * A program decoded once into the interpreter's dense form: per instruction one packed word
 * (operation, registers, resolved target) and one immediate, block costs resolved, jump table
 * resolved. Immutable; one instance serves every VM that runs the same code.
 */
public final class InterpreterProgram {
    final Program program;
    final GasSchedule schedule;
    /** op (8 bits) | a << 8 | b << 12 | d << 16 | target index << 32 (-1: invalid target). */
    final long[] words;
    final long[] imm;
    final long[] imm2;
    /** gas charged on arriving at each index (count + 1 entries). */
    final long[] cost;
    final int[] pcs;
    final int[] jumpTable;
    final long endCharge;
    final Profile profile;

    private InterpreterProgram(Program program, GasSchedule schedule) {
        this.program = program;
        this.schedule = schedule;
        this.profile = program.profile();
        int n = program.count();
        words = new long[n + 1];
        imm = new long[n + 1];
        imm2 = new long[n + 1];
        pcs = new int[n + 1];
        boolean gp = profile == Profile.GP072;
        for (int i = 0; i < n; i++) {
            int opcode = program.opcode(i);
            pcs[i] = program.pcOf(i);
            int op = program.isValid(i) ? internalOp(opcode, gp) : Ops.PANIC;
            long target = Profile.hasStaticTarget(opcode) ? program.targetIndex(i) : -1;
            words[i] = op | (long) program.a(i) << 8 | (long) program.b(i) << 12 | (long) program.d(i) << 16
                    | target << 32;
            imm[i] = program.imm1(i);
            imm2[i] = program.imm2(i);
        }
        words[n] = Ops.END | -1L << 32;
        pcs[n] = program.codeLength();
        cost = schedule.costs();
        jumpTable = new int[program.jumpTableSize()];
        for (int i = 0; i < jumpTable.length; i++) {
            jumpTable[i] = program.jumpTableIndex(i);
        }
        endCharge = schedule.endCharge();
    }

    /** The interpreter's operation for a valid opcode (profile-specific behaviour folded in). */
    private static int internalOp(int op, boolean gp) {
        return switch (op) {
            case Opcode.TRAP -> gp ? Ops.PANIC : Opcode.TRAP;
            case Opcode.UNLIKELY, Opcode.FALLTHROUGH -> Ops.FALLTHROUGH;
            case Opcode.SBRK -> gp ? Opcode.SBRK : Ops.PANIC;
            case Opcode.JUMP_IND -> gp ? Ops.JUMP_IND_GP : Opcode.JUMP_IND;
            case Opcode.LOAD_IMM_JUMP_IND -> gp ? Ops.LOAD_IMM_JUMP_IND_GP : Opcode.LOAD_IMM_JUMP_IND;
            default -> op;
        };
    }

    /** Decodes {@code program} and computes its block costs under {@code gas}. */
    public static InterpreterProgram compile(Program program, GasModel gas) {
        return new InterpreterProgram(program, gas.schedule(program));
    }

    public Program program() {
        return program;
    }

    public GasSchedule schedule() {
        return schedule;
    }

    public Profile profile() {
        return profile;
    }
}
