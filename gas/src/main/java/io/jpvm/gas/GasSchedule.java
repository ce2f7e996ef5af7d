package io.jpvm.gas;

import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every block cost of one program under one gas model, computed once at decode time. */
public final class GasSchedule {
    private final GasModel model;
    private final Program program;
    private final long[] costAt;
    private volatile List<GasBlock> blocks;

    private GasSchedule(Program program, GasModel model, long[] costAt) {
        this.program = program;
        this.model = model;
        this.costAt = costAt;
    }

    static GasSchedule compute(Program program, GasModel model) {
        long[] costAt;
        if (model instanceof JavmGasModel javm) {
            costAt = javm.scheduleCosts(program);
        } else if (model instanceof Gp072GasModel gp) {
            costAt = gp.scheduleCosts(program);
        } else {
            int n = program.count();
            costAt = new long[n + 1];
            for (int i = 0; i <= n; i++) {
                if (program.isBlockStart(i)) {
                    // the end of the code charges itself (endCharge) in models where it is not part of a block
                    costAt[i] = i == n && model.endCharge() > 0 ? 0 : model.blockCost(program, i);
                }
            }
        }
        return new GasSchedule(program, model, costAt);
    }

    public GasModel model() {
        return model;
    }

    public Program program() {
        return program;
    }

    /** The cost charged on arriving at dense index {@code index}: non-zero only at block starts. */
    public long costAt(int index) {
        return costAt[index];
    }

    /** A copy of all per-index costs ({@code count() + 1} entries). */
    public long[] costs() {
        return costAt.clone();
    }

    /** The cost of a run that starts at {@code index}, which need not be a block start. */
    public long entryCost(int index) {
        if (program.isBlockStart(index)) {
            return costAt[index];
        }
        if (index == program.count() && model.endCharge() > 0) {
            return 0; // the end of the code charges itself
        }
        return model.blockCost(program, index);
    }

    /** Gas charged when running sequentially off the end mid-block. */
    public long endCharge() {
        return model.endCharge();
    }

    /** The blocks in pc order (listed on first use). */
    public List<GasBlock> blocks() {
        List<GasBlock> b = blocks;
        if (b == null) {
            int n = program.count();
            List<GasBlock> list = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                if (program.isBlockStart(i)) {
                    long cost = costAt[i];
                    int count = program.blockEnd(i) - i + 1;
                    list.add(new GasBlock(program.pcOf(i), i, count, i == n ? cost + model.endCharge() : cost));
                }
            }
            b = Collections.unmodifiableList(list);
            blocks = b;
        }
        return b;
    }
}
