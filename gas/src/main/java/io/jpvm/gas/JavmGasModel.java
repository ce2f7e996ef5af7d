package io.jpvm.gas;

import io.jpvm.gas.internal.JavmCostTable;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Opcode;
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

    /** A model for the given memory tier cycles (25, 50, 75 or 100). */
    public JavmGasModel(int memCycles) {
        this.memCycles = memCycles;
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
        return simulate(program, start, memCycles, null);
    }

    /**
     * Every block cost in one pass over the program (the same model as {@link #blockCost}, fed each
     * instruction once): {@code costs[i]} for every block start i, 0 elsewhere; the end of the code
     * charges itself ({@link #endCharge()}), so {@code costs[count]} is 0.
     */
    long[] scheduleCosts(Program program) {
        long[] costs = new long[program.count() + 1];
        simulate(program, 0, memCycles, costs);
        return costs;
    }

    private static long cost(int maxDone) {
        return maxDone > 3 ? maxDone - 3 : 1;
    }

    /**
     * The pipeline model. With {@code costs} null: the cost of the block entered at {@code from}
     * (up to its terminator or the end of the code). Otherwise: every block start's cost into
     * {@code costs}, in one pass from {@code from} = 0. Written without data-dependent branches where
     * it can be (instruction mixes are unpredictable): masks and selects instead of ifs.
     */
    private static long simulate(Program program, int from, int memCycles, long[] costs) {
        CodeBlob blob = program.blob();
        int n = program.count();
        int[] regDone = new int[16]; // 13: the sink for writes that do not happen
        int cycle = 0;
        int decodeUsed = 0;
        int maxDone = 0;
        int start = costs == null ? from : -1;
        for (int i = from; i < n; i++) {
            if (costs != null && program.isBlockStart(i)) {
                java.util.Arrays.fill(regDone, 0);
                cycle = 0;
                decodeUsed = 0;
                maxDone = 0;
                start = i;
            }
            if (start < 0) {
                continue;
            }
            boolean valid = program.isValid(i);
            int e = JavmCostTable.packed(valid ? program.opcode(i) : 256);
            int raw = program.operandBytes(i);
            int rawA = raw & 15;
            int rawB = (raw >> 4) & 15;
            int a = Math.min(12, rawA);
            int b = Math.min(12, rawB);
            int d = Math.min(12, (raw >> 8) & 15);
            int srcs = e >>> JavmCostTable.P_SRCS_SHIFT;
            // FIXED opcodes have equal slot counts, so the selector only matters for the other kinds
            boolean overlap = a == b | ((srcs & JavmCostTable.SRC_D) != 0 & a == d);
            boolean first = ((e >>> JavmCostTable.P_KIND_SHIFT) & 15) == JavmCostTable.SHIFT ? rawB == rawA : overlap;
            int slots = (e >>> (first ? JavmCostTable.P_SLOTS_X_SHIFT : JavmCostTable.P_SLOTS_Y_SHIFT)) & 15;
            int wrap = decodeUsed >= 4 ? 1 : 0;
            cycle += wrap;
            decodeUsed = (decodeUsed & (wrap - 1)) + slots;
            int cycles = e & JavmCostTable.P_CYCLES_MASK;
            if (cycles == JavmCostTable.P_BRANCH) {
                cycles = branchCycles(blob, program.target(i));
            }
            boolean move = cycles == JavmCostTable.P_MOVE;
            cycles = cycles == JavmCostTable.P_MEM ? memCycles : cycles;
            int begin = Math.max(cycle, Math.max(regDone[a] & -(srcs & 1),
                    Math.max(regDone[b] & -((srcs >> 1) & 1), regDone[d] & -((srcs >> 2) & 1))));
            int done = begin + cycles;
            // move_reg: the destination takes the source's readiness, nothing executes
            regDone[(e & JavmCostTable.P_DST_A) != 0 ? a : 13] = move ? regDone[b] : done;
            maxDone = Math.max(maxDone, move ? 0 : done);
            if (valid && program.isTerminator(i)) {
                if (costs == null) {
                    return cost(maxDone);
                }
                costs[start] = cost(maxDone);
                start = -1;
            }
        }
        if (costs == null) {
            return cost(maxDone);
        }
        if (start >= 0) {
            costs[start] = cost(maxDone);
        }
        return 0;
    }

    private static int branchCycles(CodeBlob blob, long target) {
        if (target >= 0 && target < blob.length() && blob.isStart(target)) {
            int op = blob.byteAt(target);
            if (op == Opcode.TRAP || op == Opcode.UNLIKELY) {
                return 1;
            }
        }
        return 20;
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
