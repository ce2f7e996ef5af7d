package io.jpvm.gas;

import io.jpvm.isa.Program;

/**
 * javm's single-pass pipeline gas model (per gas block): instructions are fed in order to a model of
 * a 4-wide decoder and per-register readiness; cost = max(max_done − 3, 1). Register operands are the
 * raw byte positions a (low nibble of byte 1), b (high nibble of byte 1) and d (low nibble of byte 2),
 * clamped to 12. Loads and stores take the memory tier's cycles, branches 1 or 20 cycles depending on
 * the opcode at their target.
 */
public final class JavmGasModel implements GasModel {
    /** Gas charged per DATA page at program initialisation. */
    public static final long GAS_PER_PAGE = 1500;

    private final int memCycles;
    /** Per opcode, for {@link JavmPipeline}. */
    private final int[] cycles;

    /** A model for the given memory tier cycles (25, 50, 75 or 100). */
    public JavmGasModel(int memCycles) {
        this.memCycles = memCycles;
        this.cycles = JavmPipeline.cycles(memCycles);
    }

    /** The model for a program whose header declares {@code memoryPages} UNTYPED pages. */
    public static JavmGasModel forMemoryPages(long memoryPages) {
        return new JavmGasModel(memoryTierCycles(memoryPages));
    }

    /** Load/store cycles for a memory size: ≤2048 pages 25, ≤8192 50, ≤65536 75, else 100. */
    public static int memoryTierCycles(long memoryPages) {
        if (memoryPages <= 2048) {
            return 25;
        } else if (memoryPages <= 8192) {
            return 50;
        } else if (memoryPages <= 65536) {
            return 75;
        }
        return 100;
    }

    public int memCycles() {
        return memCycles;
    }

    @Override
    public long blockCost(Program program, int start) {
        return JavmPipeline.run(program, start, cycles, null);
    }

    /**
     * Every block cost in one pass over the program (the same model as {@link #blockCost}, fed each
     * instruction once): {@code costs[i]} for every block start i, 0 elsewhere; the end of the code
     * charges itself ({@link #endCharge()}), so {@code costs[count]} is 0.
     */
    long[] scheduleCosts(Program program) {
        long[] costs = new long[program.count() + 1];
        JavmPipeline.run(program, 0, cycles, costs);
        return costs;
    }

    @Override
    public long endCharge() {
        return 1;
    }

    @Override
    public String name() {
        return "javm(mem=" + memCycles + ")";
    }
}
