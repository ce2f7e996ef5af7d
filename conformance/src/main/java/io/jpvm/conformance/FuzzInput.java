package io.jpvm.conformance;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import java.util.List;

/**
 * Everything one differential fuzz run needs: the code, the profile and gas model, the initial
 * machine state and the {@link FuzzPlan}. Built from a generated {@link FuzzCase}, or read back from a
 * reproducer file ({@link Reproducer}).
 *
 * @param seed      the seed it was generated from
 * @param profile   semantics
 * @param memCycles javm gas model memory tier (25, 50, 75, 100); ignored for gp072
 * @param code      the code blob
 * @param pages     the initial page map and contents
 * @param regs      the 13 initial registers
 * @param startPc   the pc the run starts at (charged as a fresh start)
 * @param heapStart gp072 sbrk heap start
 * @param gas       the initial gas
 * @param plan      what happens at each exit
 */
public record FuzzInput(long seed, Profile profile, int memCycles, CodeBlob code, List<FuzzPage> pages, long[] regs,
                        long startPc, long heapStart, long gas, FuzzPlan plan) {
    public FuzzInput {
        pages = List.copyOf(pages);
        regs = regs.clone();
    }

    @Override
    public long[] regs() {
        return regs.clone();
    }

    /** The gas model of this input's profile. */
    public GasModel gasModel() {
        return profile == Profile.GP072 ? Gp072GasModel.INSTANCE : new JavmGasModel(memCycles);
    }

    /** The gas model as the reproducer header writes it. */
    public String gasModelName() {
        return gasModel().name();
    }
}
