package io.jpvm.gas;

import io.jpvm.gas.internal.JavmCostTable;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Program;

/**
 * {@link JavmGasModel}'s pipeline model as one loop over a program's dense instructions, written for
 * speed:
 * <ul>
 *   <li>one read per instruction ({@link Program#word}: opcode, validity, terminator, operand bytes);</li>
 *   <li>the register positions a, b, d and the equalities that pick the slot count come from one
 *       table lookup by the low 12 bits of the operand bytes ({@link #OPERANDS});</li>
 *   <li>an opcode's inputs come from one word ({@link #WORDS}): slots, the equality that takes one
 *       off, the source and destination register offsets, and the move and branch flags; its cycles
 *       (the memory tier's for loads and stores) from the model's table ({@link #cycles(int)});</li>
 *   <li>register readiness lives in one array where the sources an opcode does not read point at
 *       slots that stay 0 ({@link #ZERO}) and the writes it does not make go to slots never read
 *       ({@link #SINK}), so there are no masks or branches per operand;</li>
 *   <li>block boundaries are handled at the terminators: the index after a valid terminator is
 *       always a block start, and every other block start is the first one.</li>
 * </ul>
 * Besides the terminator's branch (which also fixes up a branch's cycles, 1 or 20 from the opcode at
 * its target: a branch always ends its block, so only the block's maximum needs them) the loop leaves
 * the move select to the JIT, which keeps it cheaper as it is than as masks.
 */
final class JavmPipeline {
    /** Offset of the registers a source that is not read points at (never written: always 0). */
    private static final int ZERO = 16;
    /** Offset of the registers a write that does not happen goes to (never read). */
    private static final int SINK = 32;
    private static final int REGS = 64;

    /** Operand entry layout: a, b, d (8 bits each), then the three slot selectors. */
    private static final int EQ_RAW = 24; // rawA == rawB
    private static final int EQ_AB = 25; // a == b
    private static final int EQ_AB_AD = 26; // a == b || a == d

    /**
     * Word layout, low half: the source offsets (0 or {@link #ZERO}) at the operand entry's a, b, d
     * positions, so that one OR forms all three readiness indices; flags. High half: the selector,
     * the operand entry bit that takes one slot off slots y (y − x is 0 or 1; bit 31, always 0, when
     * they are equal); slots y; fixed cycles (for {@link #cycles(int)}); destination offset (0 or
     * {@link #SINK}).
     */
    private static final int BRANCH = 1 << 24;
    private static final int MOVE = 1 << 25;
    private static final int MEM = 1 << 26;
    private static final int HIGH = 32;
    private static final int SLOTS_Y = 8;
    private static final int CYCLES = 16;
    private static final int DST = 24;
    private static final int ALWAYS_ZERO = 31;

    /** Per low 12 bits of the operand bytes (byte 1 and the low nibble of byte 2). */
    private static final int[] OPERANDS = new int[4096];
    /** Per opcode (256: an invalid instruction). */
    private static final long[] WORDS = new long[257];

    static {
        for (int raw = 0; raw < 4096; raw++) {
            int rawA = raw & 15;
            int rawB = raw >>> 4 & 15;
            int a = Math.min(12, rawA);
            int b = Math.min(12, rawB);
            int d = Math.min(12, raw >>> 8);
            OPERANDS[raw] = a | b << 8 | d << 16 | (rawA == rawB ? 1 << EQ_RAW : 0) | (a == b ? 1 << EQ_AB : 0)
                    | (a == b || a == d ? 1 << EQ_AB_AD : 0);
        }
        for (int op = 0; op <= 256; op++) {
            WORDS[op] = word(op);
        }
    }

    private static long word(int op) {
        int e = JavmCostTable.packed(op);
        int c = e & JavmCostTable.P_CYCLES_MASK;
        int srcs = e >>> JavmCostTable.P_SRCS_SHIFT & 7;
        boolean shift = (e >>> JavmCostTable.P_KIND_SHIFT & 15) == JavmCostTable.SHIFT;
        int x = e >>> JavmCostTable.P_SLOTS_X_SHIFT & 15;
        int y = e >>> JavmCostTable.P_SLOTS_Y_SHIFT & 15;
        if (y - x != 0 && y - x != 1) {
            throw new AssertionError("slots " + x + ", " + y + " of opcode " + op);
        }
        int selector = x == y ? ALWAYS_ZERO : shift ? EQ_RAW : (srcs & JavmCostTable.SRC_D) != 0 ? EQ_AB_AD : EQ_AB;
        boolean special = c == JavmCostTable.P_BRANCH || c == JavmCostTable.P_MOVE || c == JavmCostTable.P_MEM;
        return ((srcs & JavmCostTable.SRC_A) != 0 ? 0 : ZERO) | ((srcs & JavmCostTable.SRC_B) != 0 ? 0 : ZERO) << 8
                | ((srcs & JavmCostTable.SRC_D) != 0 ? 0 : ZERO) << 16
                | (c == JavmCostTable.P_BRANCH ? BRANCH : 0) | (c == JavmCostTable.P_MOVE ? MOVE : 0)
                | (c == JavmCostTable.P_MEM ? MEM : 0)
                | (long) (selector | y << SLOTS_Y | (special ? 0 : c) << CYCLES
                        | ((e & JavmCostTable.P_DST_A) != 0 ? 0 : SINK) << DST) << HIGH;
    }

    private JavmPipeline() {}

    /**
     * Every opcode's cycles (index 256: an invalid instruction; 512 entries, for an index masked with
     * 511) for a memory tier: loads and stores take {@code memCycles}; branches and move_reg 0
     * (handled apart).
     */
    static int[] cycles(int memCycles) {
        int[] c = new int[512]; // indexed by op & 511
        for (int op = 0; op <= 256; op++) {
            c[op] = (WORDS[op] & MEM) != 0 ? memCycles : (int) (WORDS[op] >>> HIGH + CYCLES) & 0xFF;
        }
        return c;
    }

    private static long cost(int maxDone) {
        return maxDone > 3 ? maxDone - 3 : 1;
    }

    /**
     * With {@code costs} null: the cost of the block entered at {@code from} (up to its terminator or
     * the end of the code). Otherwise: every block start's cost into {@code costs}, in one pass from
     * {@code from} = 0 (instructions before the first block start belong to no block).
     * {@code cycles} are from {@link #cycles(int)}.
     */
    static long run(Program program, int from, int[] cycles, long[] costs) {
        final int n = program.count();
        final int[] ready = new int[REGS];
        final int[] cyclesOf = cycles;
        int i = from;
        if (costs != null) {
            while (i < n && !program.isBlockStart(i)) {
                i++;
            }
        }
        int start = i;
        int cycle = 0;
        int used = 0;
        int maxDone = 0;
        for (; i < n; i++) {
            long word = program.word(i);
            int op = (word & Program.PACKED_VALID) != 0 ? (int) word & 0xFF : 256;
            long w = WORDS[op];
            int o = OPERANDS[(int) (word >>> 32) & 0xFFF];
            int high = (int) (w >>> HIGH);
            int slots = (high >>> SLOTS_Y & 15) - (o >>> high & 1); // the shift takes the selector
            int wrap = used >>> 2;
            cycle += wrap;
            used = (used & wrap - 1) + slots;
            int c = cyclesOf[op & 511];
            int x = o | (int) w; // the readiness indices of the three sources
            int readyB = ready[x >>> 8 & 31];
            int done = Math.max(Math.max(cycle, ready[x & 31]), Math.max(readyB, ready[x >>> 16 & 31])) + c;
            // move_reg: the destination takes the source's readiness, nothing executes
            boolean move = ((int) w & MOVE) != 0;
            ready[(o & 15 | high >>> DST) & REGS - 1] = move ? readyB : done;
            maxDone = Math.max(maxDone, move ? 0 : done);
            if ((word & Program.WORD_ENDS_BLOCK) != 0) {
                if (((int) w & BRANCH) != 0) {
                    maxDone = Math.max(maxDone, done + branchCycles(program.blob(), program.target(i)));
                }
                if (costs == null) {
                    return cost(maxDone);
                }
                costs[start] = cost(maxDone);
                // the next index starts a block
                for (int r = 0; r <= 12; r++) {
                    ready[r] = 0;
                }
                cycle = 0;
                used = 0;
                maxDone = 0;
                start = i + 1;
            }
        }
        if (costs == null) {
            return cost(maxDone);
        }
        if (start < n) {
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
}
