package io.jpvm.gas;

import io.jpvm.isa.Program;

/**
 * A gas model: how much a block costs. Blocks start at a program's block starts (see
 * {@link Program}); a block's whole cost is charged on arriving at its start, before its first
 * instruction runs.
 */
public interface GasModel {

    /** The cost of executing from dense index {@code start} to the end of its block. */
    long blockCost(Program program, int start);

    /**
     * Gas charged when execution runs sequentially off the end of the code in the middle of a
     * block (javm: the implicit trap costs 1; gp072: already part of the block's cost).
     */
    long endCharge();

    /** The model's name as shown by tools. */
    String name();

    /** Computes every block's cost once. */
    default GasSchedule schedule(Program program) {
        return GasSchedule.compute(program, this);
    }
}
