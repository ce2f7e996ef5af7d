package io.jpvm.gas;

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
            cost++;
            if (!program.isValid(i) || program.isTerminator(i)) {
                return cost;
            }
        }
        return cost + 1;
    }

    /**
     * Every block cost in one backward pass: the instructions from each index up to and including
     * the next invalid instruction or terminator (+1 for the implicit trap when the code ends
     * first), kept at the block starts; {@code costs[count]} is the lone implicit trap's 1.
     */
    long[] scheduleCosts(Program program) {
        int n = program.count();
        long[] costs = new long[n + 1];
        long run = 1;
        if (program.isBlockStart(n)) {
            costs[n] = run;
        }
        for (int i = n - 1; i >= 0; i--) {
            run = !program.isValid(i) || program.isTerminator(i) ? 1 : run + 1;
            if (program.isBlockStart(i)) {
                costs[i] = run;
            }
        }
        return costs;
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
