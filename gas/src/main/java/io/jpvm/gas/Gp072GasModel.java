package io.jpvm.gas;

import io.jpvm.isa.Instruction;
import io.jpvm.isa.Program;

/**
 * Gray Paper 0.7.2 gas as the w3f vectors expect it: every instruction costs 1, and a basic block's
 * instructions, up to and including its terminator (an invalid opcode and the implicit trap past the
 * end count as a trap), are charged together on entering the block.
 */
public final class Gp072GasModel implements GasModel {
    public static final Gp072GasModel INSTANCE = new Gp072GasModel();

    private Gp072GasModel() {}

    @Override
    public long blockCost(Program program, int start) {
        int n = program.count();
        long cost = 0;
        for (int i = start; i < n; i++) {
            Instruction in = program.instruction(i);
            cost++;
            if (!in.valid() || program.profile().isTerminator(in.opcode())) {
                return cost;
            }
        }
        return cost + 1;
    }

    @Override
    public long endCharge() {
        return 0;
    }

    @Override
    public String name() {
        return "gp072";
    }
}
